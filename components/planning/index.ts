/**
 * The planning core: placement, selectors, overrides and per-cluster plans as plain functions
 * over plain data. Nothing here imports `@pulumi`; the components in the folder above call it.
 */
export * from "./names";
export * from "./selector";
export * from "./members";
export * from "./placement";
export * from "./rollout";
export * from "./opaque";
export * from "./overrides";
export * from "./mergePatch";
export * from "./overrideEntries";
export * from "./kinds";
export * from "./resourcePlan";

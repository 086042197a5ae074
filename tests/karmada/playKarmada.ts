/**
 * Karmada's rules played on generated objects, for tests: the library's own model of Karmada
 * (components/karmada/memberObjects.ts), which synth also renders members from.
 */
export { karmadaMemberObjects as playKarmada, karmadaSelects } from "../../components/karmada/memberObjects";

/**
 * The entry of the `federation` Pulumi package (PulumiPlugin.yaml): its exports are the
 * components a Pulumi YAML, Python, Go or C# program can construct. The package schema is
 * inferred from their types when the engine asks for it; nothing here is written by hand.
 */
export * from "../components/multilang";

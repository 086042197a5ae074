// Command pulumi-resource-kubernetes serves the Kubernetes provider from its published Go module.
//
// The module's own main package embeds a schema file that `go generate` writes and that a module
// download does not carry. This main embeds the module's schema.json and terraform-mapping.json
// instead: e2e/setup copies them beside this file at build time (they are git-ignored) and sets
// the version at link time, so the engine finds the version @pulumi/kubernetes asks for.
package main

import (
	_ "embed"
	"encoding/json"
	"log"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema.json
var schemaSource []byte

//go:embed terraform-mapping.json
var terraformMappingSource []byte

// versioned sets the schema's version to the one the binary reports, as the module's generator
// does, and compacts both documents.
func versioned(schema []byte, v string) []byte {
	var spec map[string]any
	if err := json.Unmarshal(schema, &spec); err != nil {
		log.Fatalf("schema.json: %v", err)
	}
	spec["version"] = v
	out, err := json.Marshal(spec)
	if err != nil {
		log.Fatalf("schema.json: %v", err)
	}
	return out
}

func compact(doc []byte) []byte {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		log.Fatalf("terraform-mapping.json: %v", err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		log.Fatalf("terraform-mapping.json: %v", err)
	}
	return out
}

func main() {
	if version.Version == "" {
		log.Fatal("built without a version: link with -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=<version>")
	}
	provider.Serve("kubernetes", version.Version, versioned(schemaSource, version.Version), compact(terraformMappingSource))
}

// Command kubectl is kubectl built from its module, for `npm run bench:e2e`'s floor: the time
// kubectl itself takes to apply, diff and delete the benchmark's objects.
package main

import (
	"k8s.io/component-base/cli"
	"k8s.io/kubectl/pkg/cmd"
	"k8s.io/kubectl/pkg/cmd/util"
)

func main() {
	if err := cli.RunNoErrOutput(cmd.NewDefaultKubectlCommand()); err != nil {
		util.CheckErr(err)
	}
}

// The two LanguageRuntime methods the engine uses for a plugin written in TypeScript (a folder
// whose PulumiPlugin.yaml says `runtime: nodejs`): `pulumi package add` installs its
// dependencies, and the engine starts it through RunPlugin, reading its port from the first
// line of its standard output, as @pulumi/pulumi's language host does.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// InstallDependencies runs `npm install` in the plugin's (or program's) folder.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	directory := req.GetInfo().GetProgramDirectory()
	if directory == "" {
		directory = req.GetDirectory()
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	cmd := exec.CommandContext(server.Context(), "npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = directory
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install in %s: %w", directory, err)
	}
	return closer.Close()
}

// RunPlugin runs @pulumi/pulumi's run-plugin on the plugin folder, with the engine's arguments
// (its address last), in the engine's working directory, streaming the plugin's output back.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	directory := req.GetInfo().GetProgramDirectory()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	modules, err := nodeModulesFolder(directory)
	if err != nil {
		return err
	}
	runPlugin := filepath.Join(modules, "@pulumi", "pulumi", "cmd", "run-plugin")
	if _, err := os.Stat(filepath.Join(runPlugin, "index.js")); err != nil {
		return fmt.Errorf("@pulumi/pulumi is not installed where the plugin %s can use it: run npm install first", directory)
	}
	opts := optionsOf(req.GetInfo())
	args := append([]string{}, opts.nodeArgs...)
	args = append(args, runPlugin, directory)
	args = append(args, req.GetArgs()...)
	cmd := exec.CommandContext(server.Context(), "node", args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(append(os.Environ(), req.GetEnv()...), "PULUMI_NODEJS_TYPESCRIPT=true")
	if opts.tsconfig != "" {
		cmd.Env = append(cmd.Env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return fmt.Errorf("plugin %s exited with code %d", directory, exit.ExitCode())
		}
		return fmt.Errorf("could not start node: %w", err)
	}
	return closer.Close()
}

// Command pulumi-language-nodejs is a small Node.js language host for the end-to-end suite.
//
// The published language host module (github.com/pulumi/pulumi/sdk/nodejs/cmd/
// pulumi-language-nodejs/v3) is refused by the Go module proxy this project can reach, and the
// newest sdk/v3 release that still carried it inside is three years older than the engine. This
// host speaks the engine's LanguageRuntime protocol from the published sdk/v3 and runs programs
// the way @pulumi/pulumi's own `cmd/run` entry point expects: flags for the monitor, engine,
// project, stack and dry run, config as JSON in PULUMI_CONFIG, secret config keys in
// PULUMI_CONFIG_SECRET_KEYS, and the TypeScript options as PULUMI_NODEJS_* variables.
//
// It implements what `pulumi preview`, `up`, `destroy` and `stack` need (handshake, plugin
// info, required packages, run), and what a plugin written in TypeScript needs (plugin.go:
// installing its dependencies, running it); everything else answers Unimplemented.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	pbempty "google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// version is what GetPluginInfo reports; set at link time to the SDK release it is built with.
var version = "0.0.0-dev"

// exitAfterLoggedError is the exit code @pulumi/pulumi's run script uses once it has already
// shown the user the error: the engine should stop without printing another one.
const exitAfterLoggedError = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func (h *host) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *pbempty.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// packageManifest is the part of a package.json that names a Pulumi resource plugin.
type packageManifest struct {
	Name   string `json:"name"`
	Pulumi *struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
	Version string `json:"version"`
}

// requiredPackages lists the resource plugins of the packages installed in the program's
// node_modules (top level and one scope deep), as their package.json `pulumi` blocks declare.
func requiredPackages(programDirectory string) ([]*pulumirpc.PackageDependency, error) {
	root, err := nodeModulesFolder(programDirectory)
	if err != nil {
		return nil, err
	}
	var folders []string
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	for _, entry := range entries {
		if strings.HasPrefix(entry.Name(), "@") {
			scoped, err := os.ReadDir(filepath.Join(root, entry.Name()))
			if err != nil {
				return nil, err
			}
			for _, inner := range scoped {
				folders = append(folders, filepath.Join(root, entry.Name(), inner.Name()))
			}
		} else if !strings.HasPrefix(entry.Name(), ".") {
			folders = append(folders, filepath.Join(root, entry.Name()))
		}
	}
	var packages []*pulumirpc.PackageDependency
	for _, folder := range folders {
		text, err := os.ReadFile(filepath.Join(folder, "package.json"))
		if err != nil {
			continue
		}
		var manifest packageManifest
		if json.Unmarshal(text, &manifest) != nil || manifest.Pulumi == nil || !manifest.Pulumi.Resource {
			continue
		}
		name := manifest.Pulumi.Name
		if name == "" {
			name = strings.TrimPrefix(filepath.Base(folder), "pulumi-")
		}
		v := manifest.Pulumi.Version
		if v == "" {
			v = manifest.Version
		}
		if !strings.HasPrefix(v, "v") {
			v = "v" + v
		}
		packages = append(packages, &pulumirpc.PackageDependency{
			Name: name, Kind: "resource", Version: v, Server: manifest.Pulumi.Server,
		})
	}
	return packages, nil
}

// nodeModulesFolder finds the node_modules folder that serves the program, walking up.
func nodeModulesFolder(programDirectory string) (string, error) {
	dir, err := filepath.Abs(programDirectory)
	if err != nil {
		return "", err
	}
	for {
		candidate := filepath.Join(dir, "node_modules")
		if info, err := os.Stat(candidate); err == nil && info.IsDir() {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no node_modules folder above %s: run npm install first", programDirectory)
		}
		dir = parent
	}
}

func (h *host) GetRequiredPackages(_ context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	packages, err := requiredPackages(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

func (h *host) GetRequiredPlugins(_ context.Context, req *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	packages, err := requiredPackages(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(packages))
	for _, p := range packages {
		plugins = append(plugins, &pulumirpc.PluginDependency{Name: p.Name, Kind: p.Kind, Version: p.Version, Server: p.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// runOptions are the Pulumi.yaml `runtime.options` this host honours.
type runOptions struct {
	typescript   bool
	tsconfig     string
	nodeArgs     []string
}

func optionsOf(info *pulumirpc.ProgramInfo) runOptions {
	opts := runOptions{typescript: true}
	fields := info.GetOptions().GetFields()
	if v, ok := fields["typescript"]; ok {
		opts.typescript = v.GetBoolValue()
	}
	if v, ok := fields["tsconfig"]; ok {
		opts.tsconfig = v.GetStringValue()
	}
	if v, ok := fields["nodeargs"]; ok {
		opts.nodeArgs = strings.Fields(v.GetStringValue())
	}
	return opts
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDirectory := info.GetProgramDirectory()
	if programDirectory == "" {
		programDirectory = req.GetPwd()
	}
	modules, err := nodeModulesFolder(programDirectory)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runScript := filepath.Join(modules, "@pulumi", "pulumi", "cmd", "run")
	if _, err := os.Stat(filepath.Join(runScript, "index.js")); err != nil {
		return &pulumirpc.RunResponse{Error: "@pulumi/pulumi is not installed beside the program: run npm install first"}, nil
	}
	entryPoint := info.GetEntryPoint()
	if entryPoint == "" {
		entryPoint = "."
	}

	opts := optionsOf(info)
	args := append([]string{}, opts.nodeArgs...)
	args = append(args, runScript,
		"--monitor="+req.GetMonitorAddress(),
		"--project="+req.GetProject(),
		"--stack="+req.GetStack(),
		"--pwd="+programDirectory,
		"--root-directory="+info.GetRootDirectory(),
		"--parallel="+strconv.Itoa(int(req.GetParallel())),
	)
	if h.engineAddress != "" {
		args = append(args, "--engine="+h.engineAddress)
	}
	if req.GetOrganization() != "" {
		args = append(args, "--organization="+req.GetOrganization())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)

	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = programDirectory
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Env = append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
		"PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(opts.typescript),
	)
	if opts.tsconfig != "" {
		cmd.Env = append(cmd.Env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if exit.ExitCode() == exitAfterLoggedError {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exit.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not start node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

func main() {
	h := &host{}
	// The engine passes flags (-root, -tracing, ...) and its own address as the last argument.
	for _, arg := range os.Args[1:] {
		if !strings.HasPrefix(arg, "-") {
			h.engineAddress = arg
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of standard output.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

/**
 * A recording engine for the package's provider host, on loopback: one gRPC server that serves
 * pulumirpc.ResourceMonitor (recording every registration, answering each custom resource with an
 * id and its inputs as its state) and pulumirpc.Engine (recording logs), and a client for the
 * host's ResourceProvider service. What `pulumi up` would do around a Construct, without the CLI.
 */
import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
/* eslint-disable @typescript-eslint/no-var-requires */
const structpb = require("google-protobuf/google/protobuf/struct_pb");
const emptypb = require("google-protobuf/google/protobuf/empty_pb");
const resourceGrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
const resourcePb = require("@pulumi/pulumi/proto/resource_pb");
const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engineGrpcPb = require("@pulumi/pulumi/proto/engine_pb");
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const providerPb = require("@pulumi/pulumi/proto/provider_pb");

export interface Registration {
    urn: string;
    type: string;
    name: string;
    parent: string;
    custom: boolean;
    provider: string;
    object: Record<string, any>;
    dependencies: string[];
}

/** Features the monitor says it has, as the engine of a current CLI does. */
const FEATURES = new Set(["secrets", "resourceReferences", "outputValues", "deletedWith", "aliasSpecs", "transforms"]);

export interface RecordingEngine {
    address: string;
    registrations: Registration[];
    logs: { severity: number; message: string }[];
    close(): Promise<void>;
}

export async function startRecordingEngine(project: string, stack: string): Promise<RecordingEngine> {
    const registrations: Registration[] = [];
    const logs: { severity: number; message: string }[] = [];
    const typeChain = new Map<string, string>();
    let ids = 0;
    const urnOf = (type: string, name: string, parent: string) => {
        const chain = parent && typeChain.has(parent) ? `${typeChain.get(parent)}$${type}` : type;
        const urn = `urn:pulumi:${stack}::${project}::${chain}::${name}`;
        typeChain.set(urn, chain);
        return urn;
    };
    const unimplemented = (method: string) => (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
        callback({ code: grpc.status.UNIMPLEMENTED, details: `the recording engine has no ${method}` } as grpc.ServiceError, null);
    const monitor: Record<string, grpc.handleUnaryCall<any, any>> = {
        supportsFeature: (call, callback) => {
            const response = new resourcePb.SupportsFeatureResponse();
            response.setHassupport(FEATURES.has(call.request.getId()));
            callback(null, response);
        },
        registerResource: (call, callback) => {
            const request = call.request;
            const urn = urnOf(request.getType(), request.getName(), request.getParent());
            const object = request.getObject()?.toJavaScript() ?? {};
            registrations.push({
                urn, type: request.getType(), name: request.getName(), parent: request.getParent(), custom: request.getCustom(),
                provider: request.getProvider(), object, dependencies: request.getDependenciesList(),
            });
            const response = new resourcePb.RegisterResourceResponse();
            response.setUrn(urn);
            if (request.getCustom()) response.setId(`id-${++ids}`);
            response.setObject(structpb.Struct.fromJavaScript(request.getCustom() ? object : {}));
            callback(null, response);
        },
        registerResourceOutputs: (_call, callback) => callback(null, new emptypb.Empty()),
    };
    const engine: Record<string, grpc.handleUnaryCall<any, any>> = {
        log: (call, callback) => {
            logs.push({ severity: call.request.getSeverity(), message: call.request.getMessage() });
            callback(null, new emptypb.Empty());
        },
        getRootResource: (_call, callback) => {
            const response = new engineGrpcPb.GetRootResourceResponse();
            response.setUrn(`urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`);
            callback(null, response);
        },
        setRootResource: (_call, callback) => callback(null, new engineGrpcPb.SetRootResourceResponse()),
    };
    const withDefaults = (service: Record<string, { originalName?: string }>, implementation: Record<string, grpc.handleUnaryCall<any, any>>) => {
        const all: Record<string, grpc.handleUnaryCall<any, any>> = {};
        for (const [key, method] of Object.entries(service)) {
            const name = method.originalName ?? key;
            all[name] = implementation[name] ?? unimplemented(key);
        }
        return all;
    };
    const server = new grpc.Server();
    server.addService(resourceGrpc.ResourceMonitorService, withDefaults(resourceGrpc.ResourceMonitorService, monitor));
    server.addService(engineGrpc.EngineService, withDefaults(engineGrpc.EngineService, engine));
    const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
    return {
        address: `127.0.0.1:${port}`,
        registrations,
        logs,
        close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
    };
}

export interface ConstructRequest {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    dryRun?: boolean;
}

export interface ProviderHost {
    getSchema(): Promise<any>;
    construct(request: ConstructRequest): Promise<{ urn: string; state: Record<string, any> }>;
    stderr(): string;
    stop(): Promise<void>;
}

/**
 * Starts the package's provider as the Node.js language host's RunPlugin does: @pulumi/pulumi's
 * run-plugin on the plugin folder, with the engine's address, reading the port it prints.
 */
export async function startProviderHost(pluginDir: string, engine: RecordingEngine, project: string, stack: string): Promise<ProviderHost> {
    const runPlugin = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [pluginDir] });
    const child: ChildProcess = spawn(process.execPath, [runPlugin, pluginDir, engine.address], { cwd: path.dirname(pluginDir), stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
    const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const line = out.split("\n")[0];
            if (out.includes("\n")) resolve(Number(line.trim()));
        });
        child.on("exit", (code) => reject(new Error(`the provider exited (${code}) before printing its port:\n${stderr}`)));
    });
    const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const unary = <T>(method: string, request: unknown) => new Promise<T>((resolve, reject) => client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));
    return {
        async getSchema() {
            const request = new providerPb.GetSchemaRequest();
            const response = await unary<any>("getSchema", request);
            return JSON.parse(response.getSchema());
        },
        async construct({ type, name, inputs, dryRun = false }) {
            const request = new providerPb.ConstructRequest();
            request.setProject(project);
            request.setStack(stack);
            request.setOrganization("organization");
            request.setMonitorendpoint(engine.address);
            request.setType(type);
            request.setName(name);
            request.setParent(`urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`);
            request.setDryrun(dryRun);
            request.setParallel(4);
            request.setAcceptsOutputValues(true);
            request.setInputs(structpb.Struct.fromJavaScript(inputs));
            const response = await unary<any>("construct", request);
            return { urn: response.getUrn(), state: response.getState()?.toJavaScript() ?? {} };
        },
        stderr: () => stderr,
        async stop() {
            client.close();
            if (child.exitCode === null) {
                const exited = new Promise((resolve) => child.once("exit", resolve));
                child.kill("SIGTERM");
                await exited;
            }
        },
    };
}

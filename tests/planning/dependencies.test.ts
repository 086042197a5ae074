/**
 * Dependencies follow their workload (components/planning/dependencies.ts): a federated
 * ConfigMap/Secret/ServiceAccount a federated workload refers to (same namespace) must be placed
 * wherever the workload runs, checked on whichever of the two is declared second; and two
 * federated objects must not manage the same object in one cluster.
 */
import { strict as assert } from "assert";
import { FederationErrorLocation } from "../../components/errors";
import { DeclaredObject, checkDependencies, checkNoSharedObjects } from "../../components/planning/dependencies";
import { ObjectReference } from "../../components/planning/references";
import { assertFederationError, deepFreeze, ExpectedError } from "./helpers";

const POD = "template.spec.template.spec";
const SETTINGS_REF: ObjectReference = { kind: "ConfigMap", name: "settings", field: `${POD}.volumes[0].configMap.name` };
const CREDS_REF: ObjectReference = { kind: "Secret", name: "creds", field: `${POD}.containers[0].env[1].valueFrom.secretKeyRef.name` };
const SA_REF: ObjectReference = { kind: "ServiceAccount", name: "web", field: `${POD}.serviceAccountName` };

const object = (resource: string, kind: string, name: string | undefined, clusters: string[], more: Partial<DeclaredObject> = {}): DeclaredObject =>
    deepFreeze({ resource, kind, namespace: "shop", name, clusters, references: [], ...more });

const settings = object('FederatedConfigMap "settings"', "ConfigMap", "settings", ["eu-1", "eu-2", "us-1"]);
const settingsEu = object('FederatedConfigMap "settings"', "ConfigMap", "settings", ["eu-1"]);
const settingsNowhere = object('FederatedConfigMap "settings"', "ConfigMap", "settings", []);
const settingsOtherNs = object('FederatedConfigMap "settings-billing"', "ConfigMap", "settings", [], { namespace: "billing" });
const creds = object('FederatedSecret "creds"', "Secret", "creds", ["eu-1", "eu-2"]);
const secretNamedSettings = object('FederatedSecret "settings"', "Secret", "settings", []);
const sa = object('FederatedServiceAccount "web"', "ServiceAccount", "web", ["eu-1", "eu-2", "us-1"]);
const web = (clusters: string[], references: ObjectReference[] = [SETTINGS_REF, CREDS_REF], more: Partial<DeclaredObject> = {}) =>
    object('FederatedDeployment "web"', "Deployment", "web", clusters, { references, ...more });
const W = 'FederatedDeployment "web"';

describe("planning/dependencies: checkDependencies, workload declared after its dependencies", () => {
    const cases: { name: string; subject: DeclaredObject; declared: DeclaredObject[]; location?: FederationErrorLocation; expected?: DeclaredObject[]; error?: ExpectedError }[] = [
        { name: "dependencies placed wherever the workload runs are returned", subject: web(["eu-1", "eu-2"]), declared: [creds, settings], expected: [settings, creds] },
        { name: "a workload that refers to nothing", subject: web(["eu-1"], []), declared: [settings, creds], expected: [] },
        { name: "nothing declared: references are assumed to exist", subject: web(["eu-1", "us-1"]), declared: [], expected: [] },
        { name: "a dependency that is not federated is ignored (others still found)", subject: web(["eu-1", "eu-2"]), declared: [creds], expected: [creds] },
        { name: "an object of the same name in another namespace is ignored", subject: web(["eu-1"], [SETTINGS_REF]), declared: [settingsOtherNs], expected: [] },
        { name: "an object of the same name and another kind is ignored", subject: web(["eu-1"], [SETTINGS_REF]), declared: [secretNamedSettings], expected: [] },
        {
            name: "an object whose name is only known at deployment is never matched",
            subject: web(["eu-1"], [SETTINGS_REF]),
            declared: [object('FederatedConfigMap "dynamic"', "ConfigMap", undefined, [])],
            expected: [],
        },
        {
            name: "a dependency referred to twice is returned once",
            subject: web(["eu-1"], [SETTINGS_REF, SA_REF, { kind: "ConfigMap", name: "settings", field: `${POD}.containers[0].envFrom[0].configMapRef.name` }]),
            declared: [sa, settings],
            expected: [settings, sa],
        },
        { name: "a workload placed nowhere needs nothing", subject: web([]), declared: [settingsNowhere], expected: [settingsNowhere] },
        {
            name: "a dependency missing clusters: the first missing one, the reference field, all missing listed",
            subject: web(["eu-2", "eu-1", "us-1"], [SETTINGS_REF]),
            declared: [settingsEu],
            location: { resource: "ignored" },
            error: {
                resource: W, cluster: "eu-2", field: SETTINGS_REF.field,
                message: 'refers to ConfigMap "settings", which FederatedConfigMap "settings" places only on eu-1; place it on eu-2, us-1 too, or set dependencies: "ignore"',
            },
        },
        {
            name: "a dependency placed nowhere",
            subject: web(["us-1"], [SETTINGS_REF]),
            declared: [settingsNowhere],
            error: { resource: W, cluster: "us-1", field: SETTINGS_REF.field, message: 'refers to ConfigMap "settings", which FederatedConfigMap "settings" places nowhere; place it on us-1 too' },
        },
        {
            name: "the broken reference is the one reported, not the first",
            subject: web(["eu-1", "us-1"]),
            declared: [settings, creds],
            error: { resource: W, cluster: "us-1", field: CREDS_REF.field, message: 'refers to Secret "creds", which FederatedSecret "creds" places only on eu-1, eu-2; place it on us-1 too' },
        },
        {
            name: "a ServiceAccount dependency",
            subject: web(["eu-1", "ap-1"], [SA_REF]),
            declared: [sa],
            error: { resource: W, cluster: "ap-1", field: `${POD}.serviceAccountName`, message: 'refers to ServiceAccount "web", which FederatedServiceAccount "web" places only on eu-1, eu-2, us-1' },
        },
        {
            name: "cluster-scoped-looking objects (no namespace) match only each other",
            subject: web(["eu-1"], [SETTINGS_REF], { namespace: undefined }),
            declared: [settings, object('FederatedConfigMap "global"', "ConfigMap", "settings", [], { namespace: undefined })],
            error: { resource: W, cluster: "eu-1", field: SETTINGS_REF.field, message: 'which FederatedConfigMap "global" places nowhere' },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const run = () => checkDependencies(c.subject, deepFreeze([...c.declared]), c.location);
            if (c.error) assertFederationError(run, c.error);
            else {
                const found = run();
                assert.equal(found.length, c.expected!.length);
                found.forEach((dependency, i) => assert.equal(dependency, c.expected![i], `dependency ${i} is the declared object itself`));
            }
        });
    }

    // Was a bug: one ConfigMap split over two federated objects (allowed: checkNoSharedObjects accepts
    // them, as they share no cluster) is checked against the first only. Input:
    // checkDependencies(web on [eu-1, us-1] referring to ConfigMap "settings",
    //   [FederatedConfigMap "settings-eu" (settings on [eu-1]), FederatedConfigMap "settings-us" (settings on [us-1])])
    // Expected: no error, both returned; actual: error, cluster "us-1", 'which FederatedConfigMap "settings-eu" places only on eu-1'.
    it("a dependency split over two federated objects that together cover the workload", () => {
        const eu = object('FederatedConfigMap "settings-eu"', "ConfigMap", "settings", ["eu-1"]);
        const us = object('FederatedConfigMap "settings-us"', "ConfigMap", "settings", ["us-1"]);
        checkNoSharedObjects(us, [eu]);
        const found = checkDependencies(web(["eu-1", "us-1"], [SETTINGS_REF]), [eu, us]);
        assert.equal(found.length, 2);
        assert.ok(found.includes(eu) && found.includes(us));
    });
});

describe("planning/dependencies: checkDependencies, dependency declared after its workload", () => {
    const cases: { name: string; subject: DeclaredObject; declared: DeclaredObject[]; expected?: DeclaredObject[]; error?: ExpectedError }[] = [
        { name: "placed wherever the workload runs", subject: settings, declared: [web(["eu-1", "us-1"])], expected: [] },
        { name: "a workload in another namespace is ignored", subject: settingsEu, declared: [web(["us-1"], [SETTINGS_REF], { namespace: "billing" })], expected: [] },
        { name: "a workload referring to a Secret of that name is ignored", subject: settingsEu, declared: [web(["us-1"], [{ ...CREDS_REF, name: "settings" }])], expected: [] },
        { name: "a workload referring to another ConfigMap is ignored", subject: settingsEu, declared: [web(["us-1"], [{ ...SETTINGS_REF, name: "other" }])], expected: [] },
        {
            name: "a subject whose name is only known at deployment is not checked",
            subject: object('FederatedConfigMap "dynamic"', "ConfigMap", undefined, []),
            declared: [web(["us-1"])],
            expected: [],
        },
        {
            name: "missing clusters: error on the dependency's placement, first missing in the workload's order",
            subject: settingsEu,
            declared: [web(["us-1", "eu-1", "eu-2"])],
            error: {
                resource: 'FederatedConfigMap "settings"', cluster: "us-1", field: "placement",
                message: `FederatedDeployment "web" refers to this ConfigMap (${SETTINGS_REF.field}) and runs on us-1, eu-2; place it there too`,
            },
        },
        {
            name: "the first workload that breaks the rule is reported",
            subject: creds,
            declared: [
                object('FederatedDeployment "fine"', "Deployment", "fine", ["eu-1"], { references: [CREDS_REF] }),
                object('FederatedStatefulSet "db"', "StatefulSet", "db", ["eu-1", "ap-1"], { references: [SETTINGS_REF, { kind: "Secret", name: "creds", field: `${POD}.imagePullSecrets[0].name` }] }),
                web(["us-1"]),
            ],
            error: {
                resource: 'FederatedSecret "creds"', cluster: "ap-1", field: "placement",
                message: `FederatedStatefulSet "db" refers to this Secret (${POD}.imagePullSecrets[0].name) and runs on ap-1; place it there too`,
            },
        },
        {
            name: "a dependency placed nowhere under a workload placed nowhere",
            subject: settingsNowhere,
            declared: [web([])],
            expected: [],
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const run = () => checkDependencies(c.subject, deepFreeze([...c.declared]), { resource: "ignored", field: "ignored" });
            if (c.error) assertFederationError(run, c.error);
            else assert.deepEqual(run(), c.expected);
        });
    }

    it("checks both directions for one subject (forward first)", () => {
        // A workload that is itself referred to cannot happen, but a ServiceAccount subject with
        // references exercises both loops: its own references first.
        const subject = object('FederatedServiceAccount "web"', "ServiceAccount", "web", ["eu-1"], { references: [SETTINGS_REF] });
        assertFederationError(() => checkDependencies(subject, [settingsNowhere, web(["us-1"], [SA_REF])]), {
            resource: 'FederatedServiceAccount "web"', cluster: "eu-1", field: SETTINGS_REF.field, message: "places nowhere",
        });
        assertFederationError(() => checkDependencies(subject, [settings, web(["us-1"], [SA_REF])]), {
            resource: 'FederatedServiceAccount "web"', cluster: "us-1", field: "placement", message: "refers to this ServiceAccount",
        });
    });
});

describe("planning/dependencies: checkNoSharedObjects", () => {
    const a = object('FederatedConfigMap "a"', "ConfigMap", "settings", ["eu-1", "eu-2", "us-1"]);
    const cases: { name: string; subject: DeclaredObject; declared: DeclaredObject[]; error?: ExpectedError }[] = [
        { name: "nothing declared", subject: a, declared: [] },
        { name: "the same object on other clusters", subject: object('FederatedConfigMap "b"', "ConfigMap", "settings", ["ap-1"]), declared: [a] },
        { name: "another name", subject: object('FederatedConfigMap "b"', "ConfigMap", "other", ["eu-1"]), declared: [a] },
        { name: "another kind", subject: object('FederatedSecret "b"', "Secret", "settings", ["eu-1"]), declared: [a] },
        { name: "another namespace", subject: object('FederatedConfigMap "b"', "ConfigMap", "settings", ["eu-1"], { namespace: "billing" }), declared: [a] },
        { name: "a name only known at deployment", subject: object('FederatedConfigMap "b"', "ConfigMap", undefined, ["eu-1"]), declared: [object('FederatedConfigMap "c"', "ConfigMap", undefined, ["eu-1"])] },
        { name: "placed nowhere", subject: object('FederatedConfigMap "b"', "ConfigMap", "settings", []), declared: [a] },
        {
            name: "a shared object: the first shared cluster in the subject's order, all shared listed",
            subject: object('FederatedConfigMap "b"', "ConfigMap", "settings", ["us-1", "ap-1", "eu-2"]),
            declared: [object('FederatedConfigMap "x"', "ConfigMap", "x", ["us-1"]), a],
            error: {
                resource: 'FederatedConfigMap "b"', cluster: "us-1", field: "template.metadata.name",
                message: 'FederatedConfigMap "a" already places ConfigMap shop/settings on us-1, eu-2; one object in a cluster can have only one owner',
            },
        },
        {
            name: "a cluster-scoped object is named without a namespace",
            subject: object('FederatedClusterRole "reader-2"', "ClusterRole", "reader", ["eu-1"], { namespace: undefined }),
            declared: [object('FederatedClusterRole "reader"', "ClusterRole", "reader", ["eu-1", "eu-2"], { namespace: undefined })],
            error: {
                resource: 'FederatedClusterRole "reader-2"', cluster: "eu-1", field: "template.metadata.name",
                message: 'FederatedClusterRole "reader" already places ClusterRole reader on eu-1; one object in a cluster can have only one owner',
            },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const run = () => checkNoSharedObjects(c.subject, deepFreeze([...c.declared]), { resource: "ignored" });
            if (c.error) assertFederationError(run, c.error);
            else assert.equal(run(), undefined);
        });
    }
});

#!/usr/bin/env bash
# Checks mesh:cluster:apply against a real Kubernetes API server in kind (Kubernetes in Docker).
# The project's own tests run against a contract server; this is the check that needs a real
# cluster. It cannot run on machines without a Docker engine (such as the CI machines this
# repository is developed on); run it where Docker, kind and kubectl are installed:
#
#   scripts/kind-check.sh            # create a kind cluster, run the checks, delete the cluster
#   KEEP_CLUSTER=1 scripts/kind-check.sh
#
# What it checks on the real API server: discovery-based resource resolution, the whole-bundle
# server dry-run, tier order with a CRD and its custom resource in the same bundle, that a second
# apply reports every object unchanged, that a field taken by another field manager is reported
# as a conflict and only taken with force, and what a rendered seed bundle needs (missing CRDs).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
cluster="${KIND_CLUSTER:-mesh-apply-check}"
context="kind-${cluster}"
work="$(mktemp -d)"
runner=(node --require @backstage/cli/config/nodeTransform.cjs "$here/plugins/mesh-scaffolder-backend/src/apply/runApplyFromEnv.ts")

for tool in docker kind kubectl node; do
  command -v "$tool" >/dev/null || { echo "kind-check: $tool is required" >&2; exit 2; }
done
docker info >/dev/null 2>&1 || { echo "kind-check: no Docker engine answers; this check needs one" >&2; exit 2; }

cleanup() {
  rm -rf "$work"
  if [ "${KEEP_CLUSTER:-0}" != 1 ]; then kind delete cluster --name "$cluster" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

kind get clusters | grep -qx "$cluster" || kind create cluster --name "$cluster" --wait 120s
k() { kubectl --context "$context" "$@"; }

# A service account the way the Kubernetes plugin's config uses one: token + CA.
k -n kube-system create serviceaccount backstage-mesh-apply --dry-run=client -o yaml | k apply -f -
k create clusterrolebinding backstage-mesh-apply --clusterrole=cluster-admin \
  --serviceaccount=kube-system:backstage-mesh-apply --dry-run=client -o yaml | k apply -f -
export MESH_CLUSTERS="$cluster"
export MESH_URL_1="$(k config view --minify --raw -o jsonpath='{.clusters[0].cluster.server}')"
export MESH_CA_DATA_1="$(k config view --minify --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}')"
MESH_TOKEN_1="$(k -n kube-system create token backstage-mesh-apply --duration=1h)"
export MESH_TOKEN_1

# 1. A hand-made bundle: namespace, CRD + custom resource, ClusterRole, Deployment.
bundle="$work/bundle"
mkdir -p "$bundle/clusters/$cluster"
cat > "$bundle/clusters/$cluster/objects.yaml" <<YAML
apiVersion: v1
kind: Namespace
metadata:
  name: mesh-check
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: meshprobes.check.example.io
spec:
  group: check.example.io
  scope: Namespaced
  names: {kind: MeshProbe, plural: meshprobes, singular: meshprobe}
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
---
apiVersion: check.example.io/v1
kind: MeshProbe
metadata: {name: probe, namespace: mesh-check}
spec: {target: istiod}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: mesh-check-reader}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: mesh-check}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: registry.k8s.io/pause:3.10}]}
YAML
f="clusters/$cluster/objects.yaml"
cat > "$bundle/bundle-index.json" <<JSON
{"clusters": ["$cluster"], "objects": [
 {"cluster": "$cluster", "component": "namespaces", "file": "$f", "apiVersion": "v1", "kind": "Namespace", "name": "mesh-check"},
 {"cluster": "$cluster", "component": "istio", "file": "$f", "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "name": "meshprobes.check.example.io"},
 {"cluster": "$cluster", "component": "istio", "file": "$f", "apiVersion": "check.example.io/v1", "kind": "MeshProbe", "name": "probe", "namespace": "mesh-check"},
 {"cluster": "$cluster", "component": "policy", "file": "$f", "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "name": "mesh-check-reader"},
 {"cluster": "$cluster", "component": "istio", "file": "$f", "apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "namespace": "mesh-check"}
]}
JSON

outcomes() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(s.trim().split("\n").filter(Boolean).map(l=>JSON.parse(l).outcome).join(" ")))'; }
expect() { if [ "$2" != "$3" ]; then echo "kind-check FAILED: $1: expected '$3', got '$2'" >&2; exit 1; fi; echo "ok: $1"; }

expect "first apply creates every object" "$(MESH_WAIT_SECONDS=120 "${runner[@]}" "$bundle" | outcomes)" "created created created created created"
expect "second apply changes nothing" "$("${runner[@]}" "$bundle" | outcomes)" "unchanged unchanged unchanged unchanged unchanged"

k -n mesh-check patch deployment web --type=merge -p '{"spec":{"replicas":2}}' --field-manager=kubectl-edit >/dev/null
k apply --server-side --force-conflicts --field-manager=someone-else -f - >/dev/null <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: mesh-check}
spec: {replicas: 3}
YAML
set +e
conflict="$("${runner[@]}" "$bundle" 2>/dev/null | grep '"Deployment"')"
set -e
case "$conflict" in
  *'"outcome":"failed"'*'.spec.replicas (owned by'*) echo "ok: conflict reported with field and manager";;
  *) echo "kind-check FAILED: expected a conflict on .spec.replicas, got: $conflict" >&2; exit 1;;
esac
expect "replicas kept without force" "$(k -n mesh-check get deployment web -o jsonpath='{.spec.replicas}')" "3"
MESH_FORCE=1 "${runner[@]}" "$bundle" >/dev/null
expect "replicas taken with force" "$(k -n mesh-check get deployment web -o jsonpath='{.spec.replicas}')" "1"

# 2. A rendered seed bundle, server dry-run only: shows which CRDs a bare cluster lacks.
seed="$work/seed"
"$here/plugins/mesh-scaffolder-backend/bin/mesh-bundle" render --spec "$here/examples/specs/seed-003-prometheus-monitoring.yaml" --out "$seed" >/dev/null
seed_cluster="$(node -e 'console.log(require(process.argv[1]).clusters[0])' "$seed/bundle-index.json")"
set +e
MESH_CLUSTERS="$seed_cluster" MESH_DRY_RUN_ONLY=1 "${runner[@]}" "$seed" >/dev/null 2>"$work/seed.log"
set -e
echo "seed bundle on a bare kind cluster (expected: missing CRDs named, nothing written):"
grep -E "nothing applied|dry-run" "$work/seed.log" || cat "$work/seed.log"
echo "kind-check passed"

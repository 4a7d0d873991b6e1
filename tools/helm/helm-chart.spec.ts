import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isPair, isScalar, parseAllDocuments, parseDocument, type Node } from 'yaml';
import { renderChart } from './render-chart';

const chartDir = path.resolve(__dirname, '../../deploy/helm/defender-soar');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: any };

/** Renders the chart and parses every manifest (failing on YAML errors, as `helm template` would). */
function manifests(values: Record<string, unknown> = {}): Manifest[] {
  const out: Manifest[] = [];
  for (const [file, text] of renderChart(chartDir, { releaseName: 'soar', values }).files) {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      const value = doc.toJS() as Manifest | null;
      if (value) out.push(value);
    }
  }
  return out;
}

const find = (all: Manifest[], kind: string, name: string) => all.find((m) => m.kind === kind && m.metadata.name === name);

describe('Helm chart deploy/helm/defender-soar (rendered without helm: see tools/helm/render-chart.ts)', () => {
  it('renders API and worker Deployments with liveness and readiness probes, a drain period, non-root, and the config from a ConfigMap and a Secret', () => {
    const all = manifests();
    for (const [name, port] of [['soar-api', 'http'], ['soar-worker', 'health']] as const) {
      const deployment = find(all, 'Deployment', name)!;
      expect(deployment).toBeDefined();
      const pod = deployment.spec.template.spec;
      const container = pod.containers[0];
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port });
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'soar-config' } }, { secretRef: { name: 'defender-soar' } }]);
      // The selector matches the pod labels (or the Deployment is rejected).
      for (const [k, v] of Object.entries(deployment.spec.selector.matchLabels)) expect(deployment.spec.template.metadata.labels[k]).toBe(v);
    }
    const worker = find(all, 'Deployment', 'soar-worker')!.spec.template.spec.containers[0];
    expect(worker.env).toEqual(expect.arrayContaining([{ name: 'WORKER_HEALTH_PORT', value: '9464' }, { name: 'WORKER_HEALTH_HOST', value: '0.0.0.0' }]));
    expect(find(all, 'Deployment', 'soar-api')!.spec.template.spec.containers[0].lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
    // ConfigMap values must all be strings.
    const config = find(all, 'ConfigMap', 'soar-config')!;
    for (const value of Object.values((config as any).data)) expect(typeof value).toBe('string');
    expect(JSON.stringify(all)).not.toMatch(/DATABASE_URL|CREDENTIALS_KEY|CLIENT_SECRET"/); // secrets only by reference
  });

  it('migrates in a pre-install/pre-upgrade hook Job before pods start', () => {
    const job = find(manifests(), 'Job', 'soar-migrate')!;
    expect(job.metadata.annotations!['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.template.spec.containers[0].command.join(' ')).toContain('prepare-database');
  });

  it('has PodDisruptionBudgets selecting the API and worker pods', () => {
    const all = manifests();
    for (const name of ['soar-api', 'soar-worker']) {
      const pdb = find(all, 'PodDisruptionBudget', name)!;
      const labels = find(all, 'Deployment', name)!.spec.template.metadata.labels;
      expect(pdb.spec.minAvailable).toBe(1);
      for (const [k, v] of Object.entries(pdb.spec.selector.matchLabels)) expect(labels[k]).toBe(v);
    }
  });

  it('scales workers on queue depth with KEDA (redis or prometheus trigger) or an HPA, and then leaves the replica count to them', () => {
    const plain = manifests();
    expect(plain.map((m) => m.kind)).not.toContain('ScaledObject');
    expect(plain.map((m) => m.kind)).not.toContain('HorizontalPodAutoscaler');
    expect(find(plain, 'Deployment', 'soar-worker')!.spec.replicas).toBe(2);

    const keda = manifests({ worker: { autoscaling: { keda: { enabled: true, prometheusTrigger: true } } } });
    const scaled = find(keda, 'ScaledObject', 'soar-worker')!;
    expect(scaled.spec.scaleTargetRef.name).toBe('soar-worker');
    expect(scaled.spec.triggers.map((t: any) => t.type)).toEqual(['redis', 'prometheus']);
    expect(scaled.spec.triggers[0].metadata.listName).toBe('soar:soar-engine:wait');
    expect(find(keda, 'Deployment', 'soar-worker')!.spec.replicas).toBeUndefined();

    const hpa = manifests({ worker: { autoscaling: { hpa: { enabled: true } } } });
    const autoscaler = find(hpa, 'HorizontalPodAutoscaler', 'soar-worker')!;
    expect(autoscaler.spec.metrics[0].external.metric).toEqual({ name: 'soar_queue_jobs', selector: { matchLabels: { queue: 'soar-engine', state: 'waiting' } } });
    expect(find(hpa, 'Deployment', 'soar-worker')!.spec.replicas).toBeUndefined();
  });

  it('documents every setting in values.yaml and every value a template reads exists there', () => {
    const used = new Set<string>();
    for (const values of [{}, { worker: { autoscaling: { keda: { enabled: true, prometheusTrigger: true }, hpa: { enabled: true } } } }]) {
      for (const p of renderChart(chartDir, { values }).valuePaths) used.add(p);
    }
    const doc = parseDocument(readFileSync(path.join(chartDir, 'values.yaml'), 'utf8'));
    const undocumented: string[] = [];
    const keys = new Set<string>();
    const walk = (node: Node | null, prefix: string) => {
      if (!isMap(node)) return;
      node.items.forEach((pair, index) => {
        if (!isPair(pair) || !isScalar(pair.key)) return;
        const key = `${prefix}${String(pair.key.value)}`;
        keys.add(key);
        // A key's comment sits above it (for the first key of the file, above the document).
        const comment = pair.key.commentBefore ?? (index === 0 && !prefix ? doc.commentBefore : undefined) ?? (index === 0 ? node.commentBefore : undefined);
        if (!comment?.trim()) undocumented.push(key);
        walk(pair.value as Node, `${key}.`);
      });
    };
    walk(doc.contents as Node, '');
    expect(undocumented).toEqual([]);
    expect([...used].filter((p) => !keys.has(p))).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });

  it('refuses template constructs the renderer does not implement, instead of checking them wrongly', () => {
    expect(() => renderChart(path.resolve(__dirname, '__fixtures__/unsupported-chart'))).toThrow(/unsupported template/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { importPytorchModel, type PytorchModel } from '../../src/domain/pytorch-import';
import { OWNING_CONTAINERS, UNCOUNTABLE_PARAMETERS } from '../../src/domain/pytorch/owning-containers';
import { KNOWN_CONTAINERS } from '../../src/domain/pytorch/torch-classes';

/**
 * The oracle: real torchvision 0.14 models (weights=None), their print(model) and PyTorch's own
 * counts for every named module, written by scripts/fixtures/pytorch-print.py.
 */
interface Oracle {
  total: number;
  /** `sum(p.numel() for p in module.parameters())` by `named_modules()` path. */
  modules: Record<string, number>;
  /** Containers holding parameters outside their children: path → how many. */
  direct: Record<string, number>;
}

const fixture = (name: string) => readFileSync(new URL(`../fixtures/pytorch/${name}`, import.meta.url), 'utf8');
const ORACLE = JSON.parse(fixture('counts.json')) as Record<string, Oracle>;

function imported(name: string): PytorchModel {
  const result = importPytorchModel(fixture(`${name}.txt`));
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error.slice(0, 3))}`);
  return result.value;
}

/** What print(model) cannot show at or below `path`: parameters held by containers Learnable cannot count. */
function uncountable(model: PytorchModel, oracle: Oracle, path: string): number {
  return model.modules
    .filter(
      (m) => UNCOUNTABLE_PARAMETERS.has(m.type) && (path === '' || m.path === path || m.path.startsWith(`${path}.`)),
    )
    .reduce((sum, m) => sum + (oracle.direct[m.path] ?? 0), 0);
}

// torchvision's published parameter counts (its model documentation), typed by hand.
const PUBLISHED: Record<string, number> = {
  resnet18: 11_689_512,
  resnet50: 25_557_032,
  vgg16: 138_357_544,
  mobilenet_v2: 3_504_872,
  densenet121: 7_978_856,
  efficientnet_b0: 5_288_548,
};

describe('importPytorchModel on real torchvision models', () => {
  test.each(Object.keys(ORACLE))('%s: every named module has PyTorch’s count', (name) => {
    const model = imported(name);
    const oracle = ORACLE[name] as Oracle;
    expect(model.modules.map((m) => m.path).sort()).toEqual(Object.keys(oracle.modules).sort());
    const wrong = model.modules
      .filter((m) => Number(m.params) !== (oracle.modules[m.path] ?? NaN) - uncountable(model, oracle, m.path))
      .map((m) => `${m.path} (${m.type}): ours ${m.params}, torch ${oracle.modules[m.path]}`);
    expect(wrong).toEqual([]);
    expect(Number(model.total)).toBe(oracle.total - uncountable(model, oracle, ''));
  });

  test.each(Object.entries(PUBLISHED))('%s: the total is torchvision’s published %i', (name, published) => {
    expect(Number(imported(name).total)).toBe(published);
    expect(ORACLE[name]?.total).toBe(published);
  });

  test('the containers known to hold nothing themselves hold nothing in torchvision', () => {
    const holding = Object.keys(ORACLE).flatMap((name) =>
      imported(name)
        .modules.filter((m) => KNOWN_CONTAINERS.has(m.type) && ORACLE[name]?.direct[m.path] !== undefined)
        .map((m) => `${name} ${m.path} (${m.type})`),
    );
    expect(holding).toEqual([]);
  });

  test("CNBlock's layer_scale and MultiheadAttention's in_proj are exactly what those modules hold themselves", () => {
    const seen = new Set<string>();
    for (const name of Object.keys(ORACLE)) {
      for (const m of imported(name).modules.filter((m) => OWNING_CONTAINERS.has(m.type))) {
        seen.add(m.type);
        expect(Number(m.own), `${name} ${m.path}`).toBe(ORACLE[name]?.direct[m.path]);
      }
    }
    expect([...seen].sort()).toEqual(['CNBlock', 'MultiheadAttention']);
  });

  test("ConvNeXt's first block: layer_scale 96 + the block's layers, by hand", () => {
    const block = imported('convnext_tiny').modules.find((m) => m.path === 'features.1.0');
    // depthwise 96 × 7×7 + 96 = 4800; LayerNorm 2 × 96 = 192; Linear 96 × 384 + 384 = 37248;
    // Linear 384 × 96 + 96 = 36960; layer_scale 96: 4800 + 192 + 37248 + 36960 + 96 = 79296.
    expect(block?.explanation).toBe('layer_scale 96 (96×1×1) + (block) 79200 + (stochastic_depth) 0 = 79296');
  });

  test('ViT and Swin: the parameters their containers hold are named in the notes, and only those are missing', () => {
    const vit = imported('vit_b_16');
    expect(vit.notes.join(' ')).toMatch(/class_token/);
    expect(vit.notes.join(' ')).toMatch(/pos_embedding/);
    // class_token 1×1×768 and pos_embedding 1×197×768 (196 patches of 16×16 in 224×224, + 1).
    expect((ORACLE['vit_b_16']?.total ?? 0) - Number(vit.total)).toBe(768 + 197 * 768);
    const swin = imported('swin_t');
    expect(swin.notes.join(' ')).toMatch(/relative_position_bias_table/);
  });

  test('a model of known classes only says nothing about unknown containers', () => {
    expect(imported('resnet50').notes.join(' ')).not.toMatch(/does not know/);
  });
});

import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/domain/limits';
import { pastedModelKind } from '../../src/domain/pasted-model';
import { importPytorchModel, type PytorchModel, type PytorchProblem } from '../../src/domain/pytorch-import';

/** The model read from `lines`, or a thrown list of its problems. */
function read(...lines: string[]): PytorchModel {
  const result = importPytorchModel(lines.join('\n'));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** The problems `lines` are refused with. */
function refused(...lines: string[]): PytorchProblem[] {
  const result = importPytorchModel(lines.join('\n'));
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

/** Each module's count by path. */
const counts = (model: PytorchModel) => Object.fromEntries(model.modules.map((m) => [m.path, Number(m.params)]));

const only = (...layer: string[]) => Number(read(...layer).total);

describe('importPytorchModel reads print(model)', () => {
  test('a model that is one layer, printed on one line', () => {
    const model = read('Linear(in_features=4, out_features=2, bias=True)');
    expect(model.modules).toHaveLength(1);
    expect(model.modules[0]).toMatchObject({ path: '', type: 'Linear', kind: 'layer', depth: 0, line: 1 });
    expect(model.modules[0]?.explanation).toBe('4 inputs × 2 outputs + 2 biases = 10');
  });

  test('containers sum their children, in named_modules() order, with paths, depths and lines', () => {
    const model = read(
      'Net(',
      '  (features): Sequential(',
      '    (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))',
      '    (1): ReLU(inplace=True)',
      '  )',
      '  (fc): Linear(in_features=8, out_features=2, bias=False)',
      ')',
    );
    expect(model.modules.map((m) => [m.path, m.type, m.depth, m.line, m.kind])).toEqual([
      ['', 'Net', 0, 1, 'container'],
      ['features', 'Sequential', 1, 2, 'container'],
      ['features.0', 'Conv2d', 2, 3, 'layer'],
      ['features.1', 'ReLU', 2, 4, 'layer'],
      ['fc', 'Linear', 1, 6, 'layer'],
    ]);
    // 3 × 8 × 3×3 + 8 = 224; 8 × 2 = 16 without bias.
    expect(counts(model)).toEqual({ '': 240, features: 224, 'features.0': 224, 'features.1': 0, fc: 16 });
    expect(model.modules[0]?.explanation).toBe('(features) 224 + (fc) 16 = 240');
    expect(model.explanation).toBe('(features) 224 + (fc) 16 = 240');
    expect(model.modules[4]?.explanation).toBe('8 inputs × 2 outputs = 16 (bias=False)');
  });

  test('indentation, tabs, CRLF line ends, trailing spaces and blank lines do not matter', () => {
    const text = 'Sequential(\r\n\t(0): Linear(in_features=4, out_features=2, bias=True)   \r\n\r\n      )\r\n';
    expect(Number(read(text).total)).toBe(10);
    expect(Number(read('  Sequential(', '  (0): PReLU(num_parameters=3)', ')').total)).toBe(3);
  });

  test('a slot registered as None is no module and counts nothing', () => {
    const model = read(
      'BasicBlock(',
      '  (conv1): Conv1d(2, 2, kernel_size=(1,), stride=(1,))',
      '  (downsample): None',
      ')',
    );
    expect(model.modules.map((m) => m.path)).toEqual(['', 'conv1']);
    expect(Number(model.total)).toBe(6);
  });

  test("newer PyTorch's (0-2): 3 x Block(…) lines are that many modules, numbered from the range", () => {
    const model = read(
      'ModuleList(',
      '  (0): Linear(in_features=2, out_features=2, bias=True)',
      '  (1-3): 3 x Block(',
      '    (fc): Linear(in_features=2, out_features=3, bias=True)',
      "    (act): GELU(approximate='none')",
      '  )',
      '  (4-5): 2 x ReLU()',
      ')',
    );
    expect(model.modules.map((m) => m.path)).toEqual([
      '',
      '0',
      '1',
      '1.fc',
      '1.act',
      '2',
      '2.fc',
      '2.act',
      '3',
      '3.fc',
      '3.act',
      '4',
      '5',
    ]);
    // 2 × 2 + 2 = 6; each block 2 × 3 + 3 = 9: 6 + 3 × 9 = 33.
    expect(Number(model.total)).toBe(33);
    expect(model.modules.filter((m) => m.type === 'Block').map((m) => m.line)).toEqual([3, 3, 3]);
    expect(model.notes.join(' ')).toMatch(/\(0-2\): 3 x Block/);
  });

  test('a ModuleDict key that looks like a range, or has spaces, is just a name', () => {
    const model = read('ModuleDict(', '  (0-1): PReLU(num_parameters=2)', '  (x y): PReLU(num_parameters=1)', ')');
    expect(counts(model)).toEqual({ '': 3, '0-1': 2, 'x y': 1 });
  });

  test('ParameterList and ParameterDict count the tensors they print, one line or several', () => {
    expect(only('ParameterList(  (0): Parameter containing: [torch.float32 of size 3])')).toBe(3);
    const model = read(
      'Holder(',
      '  (list): ParameterList(',
      '      (0): Parameter containing: [torch.float32 of size 2x3]',
      '      (1): Parameter containing: [torch.float32 of size 4 (cuda:0)]',
      '      (2): Tensor containing: [torch.float32 of size 100]',
      '      (3): Object of type: str',
      '  )',
      '  (dict): ParameterDict(',
      '      (a b): Parameter containing: [torch.FloatTensor of size 3x4x5]',
      '      (scalar): Parameter containing: [torch.FloatTensor of size ]',
      '  )',
      ')',
    );
    // 2×3 + 4 (a plain tensor is no parameter); 3×4×5 + 1 (a scalar is one element).
    expect(counts(model)).toEqual({ '': 71, list: 10, dict: 61 });
    expect(model.modules[1]?.explanation).toBe(
      '0 (2×3) 6 + 1 4 + 2 0 (a tensor, not a parameter) + 3 0 (a tensor, not a parameter) = 10',
    );
  });

  test("a block's lines that are not children (its extra_repr) are read past", () => {
    const model = read(
      'Custom(',
      '  width=3',
      '  mode=(fast, 2',
      '  (fc): Linear(in_features=3, out_features=1, bias=True)',
      ')',
    );
    expect(Number(model.total)).toBe(4);
  });

  test('a known layer printed with children, as a subclass adding modules prints, counts both', () => {
    const model = read(
      'Conv2d(',
      '  3, 4, kernel_size=(1, 1), stride=(1, 1)',
      '  (extra): PReLU(num_parameters=4)',
      ')',
    );
    // 3 × 4 + 4 = 16 for the convolution itself, 4 for the child.
    expect(Number(model.total)).toBe(20);
    expect(model.modules[0]?.explanation).toBe('itself 16 + (extra) 4 = 20');
  });

  test('an empty container counts 0', () => {
    expect(read('Sequential()').modules[0]).toMatchObject({
      kind: 'container',
      params: 0n,
      explanation: '0: an empty Sequential',
    });
  });

  test('says what a repr cannot show, every time', () => {
    const notes = read('Sequential()').notes.join(' ');
    expect(notes).toMatch(/PyTorch's convention/);
    expect(notes).toMatch(/requires_grad/);
    expect(notes).toMatch(/called more than once in forward\(\) is printed once and counted once/);
    expect(notes).toMatch(/output shapes are not known/);
  });

  test('unknown containers are summed, and the notes name them and what cannot be seen', () => {
    const model = read('MyNet(', '  (stem): MyStem(', '    (0): ReLU()', '  )', ')');
    expect(model.notes.join(' ')).toMatch(/does not know MyNet \(line 1\), MyStem \(line 2\)/);
    expect(model.notes.join(' ')).toMatch(/nn\.Parameter attribute/);
  });
});

describe('importPytorchModel counts each layer from its arguments, by hand', () => {
  test.each([
    // 3 × 64 × 3×3 + 64: the kernel given as a positional argument, as in a constructor call.
    ['Conv2d(3, 64, 3)', 1792],
    // depthwise: 96 ÷ 96 = 1 input per group × 96 filters × 7×7 + 96.
    ['Conv2d(96, 96, kernel_size=(7, 7), stride=(1, 1), padding=(3, 3), groups=96)', 4800],
    // 32 ÷ 4 = 8 inputs per group × 64 × 3×3 + 64.
    ['Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1), groups=4)', 4672],
    // padding=same and padding_mode print without quotes; neither changes the count: 4 ÷ 2 × 8 × 3×5.
    [
      'Conv2d(4, 8, kernel_size=(3, 5), stride=(1, 1), padding=same, dilation=(2, 2), groups=2, bias=False, padding_mode=reflect)',
      240,
    ],
    ['Conv1d(3, 4, kernel_size=(3,), stride=(1,))', 40], // 3 × 4 × 3 + 4
    ['Conv3d(2, 4, kernel_size=(3, 3, 3), stride=(2, 2, 2))', 220], // 2 × 4 × 27 + 4
    // weight (4, 6 ÷ 2, 3, 3): 4 × 3 × 9 + 6.
    ['ConvTranspose2d(4, 6, kernel_size=(3, 3), stride=(2, 2), output_padding=(1, 1), groups=2)', 114],
    ['ConvTranspose3d(2, 3, kernel_size=(2, 2, 2), stride=(1, 1, 1), bias=False)', 48], // 2 × 3 × 8
    ['Linear(in_features=512, out_features=1000, bias=True)', 513000],
    ['NonDynamicallyQuantizableLinear(in_features=8, out_features=8, bias=False)', 64],
    ['Bilinear(in1_features=5, in2_features=6, out_features=7, bias=True)', 217], // 5 × 6 × 7 + 7
    ['BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)', 128],
    ['BatchNorm1d(64, eps=1e-05, momentum=None, affine=False, track_running_stats=False)', 0],
    ['SyncBatchNorm(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)', 8],
    ['InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)', 0],
    ['InstanceNorm3d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=False)', 6],
    ['LayerNorm((768,), eps=1e-06, elementwise_affine=True)', 1536],
    ['LayerNorm((3, 4), eps=1e-05, elementwise_affine=True)', 24], // 2 × 3×4
    ['LayerNorm((3, 4), eps=1e-05, elementwise_affine=False)', 0],
    ['LayerNorm((768,), eps=1e-05, elementwise_affine=True, bias=False)', 768],
    ['LayerNorm2d((96,), eps=1e-06, elementwise_affine=True)', 192],
    ['RMSNorm((512,), eps=None, elementwise_affine=True)', 512], // one weight per element, no bias
    ['GroupNorm(8, 32, eps=1e-05, affine=True)', 64], // 2 × 32: per channel, not per group
    ['GroupNorm(2, 4, eps=1e-05, affine=False)', 0],
    ['PReLU(num_parameters=1)', 1],
    ['PReLU(num_parameters=64)', 64],
    ['Embedding(1000, 64, padding_idx=0, max_norm=1.0, scale_grad_by_freq=True, sparse=True)', 64000],
    ['EmbeddingBag(10, 3, mode=mean)', 30],
    // layer 0: 4 × 20 × (10 + 20) + 2 × 4 × 20 = 2560; layer 1 reads both directions:
    // 4 × 20 × (40 + 20) + 160 = 4960; two directions: 2 × (2560 + 4960) = 15040.
    ['LSTM(10, 20, num_layers=2, bidirectional=True)', 15040],
    // 4 × 20 × (10 + 5) + 160 + 5 × 20 projection = 1460.
    ['LSTM(10, 20, proj_size=5)', 1460],
    ['GRU(8, 16, bias=False)', 1152], // 3 × 16 × (8 + 16)
    ['RNN(3, 4)', 36], // 4 × (3 + 4) + 2 × 4
    ['RNNCell(3, 5)', 50], // 5 × (3 + 5) + 2 × 5
    ['LSTMCell(3, 4)', 144], // 4 × 4 × (3 + 4) + 2 × 16
    ['FrozenBatchNorm2d(64, eps=1e-05)', 0], // buffers only
    ['ReLU(inplace=True)', 0],
    ["GELU(approximate='tanh')", 0],
    ["Upsample(scale_factor=2.0, mode='nearest')", 0],
    ['AdaptiveAvgPool2d(output_size=(1, 1))', 0],
    ['StochasticDepth(p=0.1, mode=row)', 0],
    ['ZeroPad2d((1, 2, 3, 4))', 0],
    ['ChannelShuffle(groups=2)', 0],
    ['Identity()', 0],
  ])('%s → %i', (line, expected) => {
    expect(only(line)).toBe(expected);
  });

  test('MultiheadAttention holds 3 × E × E weights and 3 × E biases beside out_proj', () => {
    const model = read(
      'MultiheadAttention(',
      '  (out_proj): NonDynamicallyQuantizableLinear(in_features=8, out_features=8, bias=True)',
      ')',
    );
    // in_proj 3 × 8 × 8 + 3 × 8 = 216; out_proj 8 × 8 + 8 = 72.
    expect(Number(model.total)).toBe(288);
    expect(model.modules[0]).toMatchObject({
      own: 216n,
      explanation: 'in_proj 216 (3 × 8×8 weights + 3 × 8 biases) + (out_proj) 72 = 288',
    });
    expect(model.notes.join(' ')).toMatch(/kdim or vdim/);
  });

  test('a LayerNorm with its bias says that bias=False would not show', () => {
    expect(read('LayerNorm((4,), eps=1e-05, elementwise_affine=True)').notes.join(' ')).toMatch(/bias=False/);
  });
});

describe('importPytorchModel refuses, naming the line', () => {
  test('an unknown layer, listing what is known', () => {
    const [problem, ...rest] = refused('Net(', '  (conv): Conv2d(3, 4, kernel_size=(1, 1))', '  (act): Swish()', ')');
    expect(rest).toEqual([]);
    expect(problem?.line).toBe(3);
    expect(problem?.message).toMatch(/^Swish is a module Learnable does not know, printed without children/);
    expect(problem?.message).toMatch(/Conv2d, .*ReLU, .*Sequential/);
  });

  test('every unknown layer at once, and a lazy module (its sizes are not known yet)', () => {
    const problems = refused(
      'Net(',
      '  (a): Swish()',
      '  (b): LazyLinear(in_features=0, out_features=3, bias=True)',
      ')',
    );
    expect(problems.map((p) => [p.line, p.message.split(' ')[0]])).toEqual([
      [2, 'Swish'],
      [3, 'LazyLinear'],
    ]);
    // The known modules are listed once, with the first.
    expect(problems[0]?.message).toMatch(/counted from their arguments: Conv1d/);
    expect(problems[1]?.message).toMatch(/; the problem at line 2 lists the modules it knows$/);
  });

  test.each([
    [
      'Linear(in_features=4.5, out_features=2, bias=True)',
      'Linear: in_features must be a whole number of 0 or more (at most 16 digits), not 4.5',
    ],
    ['Linear(in_features=4, out_features=2, bias=Maybe)', 'Linear: bias must be True or False, not Maybe'],
    ['Linear(in_features=4, out_features=2, foo=1)', 'Linear: Linear has no argument "foo" that Learnable knows'],
    ['Linear(4, 2, True, 3)', 'Linear: Linear takes at most 3 positional arguments'],
    ['Linear(in_features=4, in_features=2)', 'Linear: in_features is given twice'],
    ['Linear(in_features=4, 2)', 'Linear: a positional argument (2) follows a keyword argument'],
    ['Linear(out_features=2)', 'Linear: Linear needs in_features, a whole number'],
    ['Conv2d(3, 64, kernel_size=(3, 3, 3))', 'Conv2d: kernel_size must have 2 sizes for Conv2d, not (3, 3, 3)'],
    [
      'Conv2d(3, 64, kernel_size=(3, 3])',
      'Conv2d: cannot read the arguments: "]" after "3, 64, kernel_size=(3, 3" is where ")" was expected',
    ],
    [
      "Conv2d(3, 4, kernel_size=3, padding_mode='zeros)",
      'Conv2d: cannot read the arguments: the quote \' after "…el_size=3, padding_mode=" is never closed',
    ],
    ['Conv2d(3, 4, kernel_size=(1, 1)', 'Conv2d: cannot read the arguments: 1 bracket is never closed'],
    ['Conv2d(3, 4, kernel_size=(1, 1), groups=2)', 'Conv2d: groups (2) must divide the 3 input channels evenly'],
    ['GroupNorm(3, 32, eps=1e-05, affine=True)', 'GroupNorm: num_groups (3) must divide the 32 channels evenly'],
    [
      'Linear(in_features=12345678901234567, out_features=2)',
      'in_features must be a whole number of 0 or more (at most 16 digits)',
    ],
  ])('malformed arguments: %s', (line, message) => {
    const [problem] = refused(line);
    expect(problem?.line).toBe(1);
    expect(problem?.message).toContain(message);
  });

  test('a count past 2^53 − 1, rather than rounding it, once, at the module that passes it', () => {
    const [problem] = refused('Linear(in_features=9999999999999999, out_features=9999999999999999, bias=True)');
    expect(problem?.message).toMatch(/more than a JSON number holds exactly/);
    // 2 × 2^52: each Linear fits, their sum does not; the containers above it are not named again.
    const half = 'Linear(in_features=4503599627370496, out_features=1, bias=False)';
    const problems = refused('Outer(', '  (inner): Sequential(', `    (0): ${half}`, `    (1): ${half}`, '  )', ')');
    expect(problems).toEqual([
      { line: 2, message: expect.stringMatching(/^Sequential has 9007199254740992 parameters/) },
    ]);
  });

  test('unbalanced parentheses: a cut-off text, a ")" too many, a line left open', () => {
    expect(refused('ResNet(', '  (layer1): Sequential(', '    (0): ReLU()', '  )')).toEqual([
      {
        line: 1,
        message: 'ResNet( is never closed: the text ends with 1 ")" line missing (was the end of the output cut off?)',
      },
    ]);
    expect(refused('Sequential(', '  (0): ReLU()', ')', ')')[0]).toMatchObject({
      line: 4,
      message: expect.stringMatching(/^text after the model, which ended on line 3/),
    });
    expect(refused('Sequential(', '  (0): Conv2d(3, 4, kernel_size=1,', ')')[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/^Conv2d\( is not closed on this line/),
    });
  });

  test('text that is not a module where one is expected', () => {
    expect(refused('>>> print(model)', 'Sequential()')[0]?.line).toBe(1);
    expect(refused('Sequential(', '  (0): 3 x ReLU()', ')')[0]?.line).toBe(2);
    expect(refused('')[0]?.message).toMatch(/empty/);
    expect(refused('None')[0]?.message).toMatch(/cannot be None/);
  });

  test('a repeat line whose count does not match its range, and a name used twice', () => {
    expect(refused('ModuleList(', '  (0-2): 4 x ReLU()', ')')[0]).toEqual({
      line: 2,
      message: '(0-2) names 3 modules but the line says 4 x',
    });
    expect(refused('Sequential(', '  (0): ReLU()', '  (0): ReLU()', ')')[0]).toMatchObject({
      line: 3,
      message: expect.stringMatching(/second child named 0/),
    });
  });

  test('owning containers whose size cannot be read', () => {
    expect(refused('MultiheadAttention(', '  (other): ReLU()', ')')[0]?.message).toMatch(/out_proj/);
    expect(refused('CNBlock(', '  (stochastic_depth): StochasticDepth(p=0.0, mode=row)', ')')[0]?.message).toMatch(
      /layer_scale/,
    );
  });

  test(`nesting deeper than ${LIMITS.maxPytorchDepth}`, () => {
    /** Sequentials down to a ReLU at `depth` (the model is depth 0), one a line. */
    const nested = (depth: number) => [
      ...Array.from({ length: depth }, (_, i) => (i === 0 ? 'Sequential(' : `${'  '.repeat(i)}(0): Sequential(`)),
      `${'  '.repeat(depth)}(0): ReLU()`,
      ...Array.from({ length: depth }, (_, i) => `${'  '.repeat(depth - 1 - i)})`),
    ];
    expect(read(...nested(LIMITS.maxPytorchDepth)).modules.at(-1)?.depth).toBe(LIMITS.maxPytorchDepth);
    expect(refused(...nested(LIMITS.maxPytorchDepth + 1))[0]).toEqual({
      line: LIMITS.maxPytorchDepth + 2,
      message: `modules are nested more than ${LIMITS.maxPytorchDepth} deep (the model itself is depth 0)`,
    });
  });

  test('texts over the length and line limits', () => {
    expect(refused('x'.repeat(LIMITS.maxPytorchChars + 1))[0]?.message).toMatch(/at most 200000 are read/);
    expect(refused('\n'.repeat(LIMITS.maxPytorchLines))[0]?.message).toMatch(/at most 10000 are read/);
  });

  test('more modules than the limit once repeats are expanded, refused without building them', () => {
    const started = performance.now();
    const [problem] = refused(
      'ModuleList(',
      '  (0-9999999): 10000000 x Sequential(',
      '    (0-9999999): 10000000 x Linear(in_features=1, out_features=1, bias=True)',
      '  )',
      ')',
    );
    expect(problem?.message).toMatch(/more than 10000 modules/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('importPytorchModel stays fast on hostile text', () => {
  test.each([
    ['one line of 190,000 "("', '('.repeat(190_000)],
    ['a layer whose argument is 190,000 "["', `Linear(in_features=${'['.repeat(190_000)}, out_features=1)`],
    ['a layer whose argument is 190,000 spaces in a tuple', `LayerNorm((${' '.repeat(190_000)}), eps=1e-05)`],
    [
      '9,000 lines of one-line modules',
      ['Sequential(', ...Array.from({ length: 9000 }, (_, i) => `  (${i}): ReLU()`), ')'].join('\n'),
    ],
    ['quotes never closed', `Conv2d(3, 4, kernel_size=1, padding_mode=${"'".repeat(1)}${'a'.repeat(190_000)})`],
  ])('%s', (_, text) => {
    const started = performance.now();
    importPytorchModel(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('pastedModelKind', () => {
  test.each([
    ['{"class_name": "Sequential", "config": {}}', 'keras'],
    ['  \n {"module": "keras"}', 'keras'],
    // model.to_json() copied with its quotes from a notebook cell's output.
    ['"{\\"class_name\\": \\"Sequential\\"}"', 'keras'],
    ['ResNet(\n  (conv1): Conv2d(3, 64, kernel_size=(7, 7))\n)', 'pytorch'],
    ['\n\nSequential()', 'pytorch'],
    ['', 'pytorch'],
  ] as const)('%j is %s', (text, kind) => {
    expect(pastedModelKind(text)).toBe(kind);
  });
});

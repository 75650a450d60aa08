import { z } from 'zod';
import { LIMITS } from '../src/domain/limits';
import * as layers from '../src/domain/schema/network';
import { ProblemDetails } from '../src/domain/schema/problem';
import { ScoreRequest } from '../src/domain/schema/score-request';
import { ScoreResponse } from '../src/domain/schema/score-response';

/** The API's version; a breaking change would be served under a new path. */
export const API_VERSION = '1.0.0';

const LAYER_SCHEMAS = {
  Conv2dLayer: layers.Conv2dLayer,
  DepthwiseConv2dLayer: layers.DepthwiseConv2dLayer,
  SeparableConv2dLayer: layers.SeparableConv2dLayer,
  Conv2dTransposeLayer: layers.Conv2dTransposeLayer,
  MaxPooling2dLayer: layers.MaxPooling2dLayer,
  AveragePooling2dLayer: layers.AveragePooling2dLayer,
  GlobalAveragePooling2dLayer: layers.GlobalAveragePooling2dLayer,
  GlobalMaxPooling2dLayer: layers.GlobalMaxPooling2dLayer,
  BatchNormalizationLayer: layers.BatchNormalizationLayer,
  FlattenLayer: layers.FlattenLayer,
  DenseLayer: layers.DenseLayer,
  DropoutLayer: layers.DropoutLayer,
  ZeroPadding2dLayer: layers.ZeroPadding2dLayer,
};

const textbook = {
  input: [20, 20, 3],
  layers: [
    { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' },
    { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same' },
    { type: 'flatten' },
    { type: 'dense', units: 2 },
  ],
};

/** Request examples; a test sends each one to the handler and expects 200. */
export const REQUEST_EXAMPLES = {
  textbook: {
    summary: 'The textbook network, with answers (one wrong)',
    value: { network: textbook, answers: { layers: [56, '57', 0, '2,400'], total: 2515 } },
  },
  countsOnly: { summary: 'Counts only, no answers', value: { network: textbook } },
  shapes: {
    summary: 'Output shapes asked too',
    value: {
      network: textbook,
      answers: { layers: [56, 57, 0, 2402], outputShapes: [[20, 20, 2], [20, 20, 3], [1200], [2]] },
    },
  },
  pytorch: {
    summary: "Batch normalization by PyTorch's convention (2·C)",
    value: {
      network: {
        input: [32, 32, 3],
        layers: [{ type: 'conv2d', filters: 64, kernelSize: 3 }, { type: 'batchNormalization' }],
      },
      convention: 'pytorch',
      answers: { layers: [1792, 128] },
    },
  },
  keras: {
    summary: 'A Keras model as model.to_json() writes it',
    value: {
      kerasModel: {
        class_name: 'Sequential',
        config: {
          name: 'sequential',
          layers: [
            { class_name: 'InputLayer', config: { batch_shape: [null, 28, 28, 1], name: 'input_layer' } },
            {
              class_name: 'Conv2D',
              config: { name: 'conv2d', filters: 8, kernel_size: [3, 3], padding: 'valid', use_bias: true },
            },
            { class_name: 'Flatten', config: { name: 'flatten' } },
            { class_name: 'Dense', config: { name: 'dense', units: 10 } },
          ],
        },
      },
    },
  },
};

const problem = (description: string, example: z.input<typeof ProblemDetails>) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' }, example } },
});

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': { schema: { type: 'string', const: '*' } },
  'X-Content-Type-Options': { schema: { type: 'string', const: 'nosniff' } },
};

/** The OpenAPI 3.1 description of /api/score, generated from the zod schemas the handler validates with. */
export function buildOpenApiDocument() {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(LAYER_SCHEMAS)) registry.add(schema, { id });
  registry.add(layers.Layer, { id: 'Layer' });
  registry.add(layers.Network, { id: 'Network' });
  registry.add(ScoreRequest, { id: 'ScoreRequest' });
  registry.add(ScoreResponse, { id: 'ScoreResponse' });
  registry.add(ProblemDetails, { id: 'ProblemDetails' });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'input',
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
  });
  for (const schema of Object.values(schemas)) {
    delete (schema as { $schema?: string }).$schema;
    delete (schema as { $id?: string }).$id;
  }
  // zod checks "network or kerasModel, not both" in a refinement, which JSON Schema cannot see.
  Object.assign(schemas['ScoreRequest'] ?? {}, { oneOf: [{ required: ['network'] }, { required: ['kerasModel'] }] });
  // OpenAPI's discriminator lets generators pick the layer schema by its "type".
  Object.assign(schemas['Layer'] ?? {}, {
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(
        Object.entries(LAYER_SCHEMAS).map(([id, s]) => [s.shape.type.value, `#/components/schemas/${id}`]),
      ),
    },
  });
  const kerasModel = (schemas['ScoreRequest'] as { properties?: Record<string, object> }).properties?.['kerasModel'];
  if (kerasModel) {
    Object.assign(kerasModel, {
      description:
        'Instead of network: the JSON of a Keras Sequential model, as model.to_json() writes it (object or string)',
    });
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Learnable scoring API',
      version: API_VERSION,
      description:
        'Exact per-layer parameter counts of a convolutional network (Keras semantics, channels last), with the arithmetic, and verdicts on submitted answers. Breaking changes would be published under a new path.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/score': {
        post: {
          operationId: 'score',
          summary: 'Count every layer and score the answers',
          requestBody: {
            required: true,
            description: `A JSON body of at most ${LIMITS.maxBodyBytes} bytes.`,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ScoreRequest' }, examples: REQUEST_EXAMPLES },
            },
          },
          responses: {
            '200': {
              description: 'The counts, explanations and verdicts',
              headers: CORS_HEADERS,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ScoreResponse' } } },
            },
            '400': problem('The body is not valid JSON (or not UTF-8)', {
              type: '/api/#malformed-json',
              title: 'The body is not valid JSON',
              status: 400,
              detail: "Expected ',' or '}' after property value in JSON at position 12",
              errors: [{ pointer: '', detail: "Expected ',' or '}' after property value in JSON at position 12" }],
            }),
            '405': {
              ...problem('A method other than POST or OPTIONS', {
                type: '/api/#method-not-allowed',
                title: 'Method not allowed',
                status: 405,
                detail: 'use POST with a JSON body; GET is not supported',
                errors: [{ pointer: '', detail: 'POST only' }],
              }),
              headers: { Allow: { schema: { type: 'string', const: 'POST, OPTIONS' } } },
            },
            '413': problem(`A body over ${LIMITS.maxBodyBytes} bytes`, {
              type: '/api/#body-too-large',
              title: 'The body is too large',
              status: 413,
              detail: `the body may be at most ${LIMITS.maxBodyBytes} bytes`,
              errors: [{ pointer: '', detail: 'too large' }],
            }),
            '415': problem('A Content-Type other than JSON', {
              type: '/api/#unsupported-media-type',
              title: 'The body must be JSON',
              status: 415,
              detail: 'send Content-Type: application/json (got text/plain)',
              errors: [{ pointer: '', detail: 'not JSON' }],
            }),
            '422': problem(
              'Well-formed JSON that is not a network that can be scored; one error per problem, with its pointer',
              {
                type: '/api/#invalid-request',
                title: 'The request is not a network that can be scored',
                status: 422,
                detail:
                  '/network/layers/0/kernelSize: the 30×30 kernel of this convolution layer is larger than its 20×20 input with "valid" padding, so no output is left; use a smaller kernel or padding "same"',
                errors: [
                  {
                    pointer: '/network/layers/0/kernelSize',
                    detail:
                      'the 30×30 kernel of this convolution layer is larger than its 20×20 input with "valid" padding, so no output is left; use a smaller kernel or padding "same"',
                  },
                ],
              },
            ),
            '429': {
              description:
                "Netlify's rate limit (120 requests a minute per IP and domain) was reached; try again later",
            },
            '500': problem('Never expected; the fuzz tests look for it', {
              type: '/api/#internal-error',
              title: 'Something went wrong on our side',
              status: 500,
              detail: 'the request could not be scored; please report it',
              errors: [{ pointer: '', detail: 'internal error' }],
            }),
          },
        },
        options: {
          operationId: 'preflight',
          summary: 'CORS preflight',
          responses: { '204': { description: 'Any origin may POST JSON', headers: CORS_HEADERS } },
        },
      },
    },
    components: { schemas },
  };
}

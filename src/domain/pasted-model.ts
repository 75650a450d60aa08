/**
 * Which kind of model a pasted text is: Keras's `model.to_json()` is a JSON object (or, copied
 * from a notebook, a JSON string holding one), so it starts with `{` or `"`; anything else is read
 * as PyTorch's `print(model)`, which starts with the model's class name.
 * `pastedModelKind('{"class_name": "Sequential", …}') → 'keras'`, `pastedModelKind('ResNet(\n…') → 'pytorch'`.
 */
export function pastedModelKind(text: string): 'keras' | 'pytorch' {
  const first = text.trimStart()[0];
  return first === '{' || first === '"' ? 'keras' : 'pytorch';
}

// An ESLint rule: every text a person reads in a view comes from the message catalogue
// (src/i18n), so that every language shows it. It reports letters written straight into
// JSX: text between tags, string literals in braces, and the attributes people read or
// hear (aria-label, title, placeholder, alt, …). Punctuation, digits and symbols may stay.

const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'label',
  'placeholder',
  'title',
]);

// Two letters in a row (in any script) make a word; "×", "·", "+1" or "2/3" do not.
const WORDS = /\p{L}{2,}/u;

function literalText(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join(' ');
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'UI text comes from the message catalogue (t / tn), never a literal' },
    schema: [],
    messages: {
      text: 'UI text "{{text}}" is not from the message catalogue: add a key to src/i18n/en.ts and use t().',
    },
  },
  create(context) {
    const report = (node, text) =>
      context.report({ node, messageId: 'text', data: { text: text.trim().slice(0, 40) } });
    return {
      JSXText(node) {
        if (WORDS.test(node.value)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent.type === 'JSXAttribute') return;
        const text = literalText(node.expression);
        if (text !== null && WORDS.test(text)) report(node, text);
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : '';
        if (!READ_ATTRIBUTES.has(name) || !node.value) return;
        // On a component (Capitalised) an attribute may carry a catalogue key, not text.
        const element = node.parent.name;
        if (element.type !== 'JSXIdentifier' || !/^[a-z]/.test(element.name)) {
          if (name === 'label') return;
        }
        const value = node.value.type === 'JSXExpressionContainer' ? node.value.expression : node.value;
        const text = literalText(value);
        if (text !== null && WORDS.test(text)) report(node, text);
      },
    };
  },
};

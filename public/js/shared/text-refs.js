// Answers inside question texts (XLSForm's "${q}" in a label, hint or option), on the field app and on the kiosk,
// invitation and phone pages: after a screen is built, each ${q} becomes an empty <span data-ref="q">, and every
// refresh fills it with the answer so far (the engine's fillText, the same words on every screen).
const rules = () => window.LangNgheRules;
const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;

/** Once, after the screens are built; returns whether any text refers to an answer. */
export function markRefs(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (reference.test(node.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    // split() with a capture group: the odd parts are the question ids.
    const parts = node.data.split(new RegExp(reference.source));
    node.replaceWith(
      ...parts.map((part, i) => {
        if (i % 2 === 0) return part;
        const span = document.createElement('span');
        span.className = 'answer-ref';
        span.dataset.ref = part;
        return span;
      }),
    );
  }
  return nodes.length > 0;
}

/** Fills every marked reference with the current answer, in `lang`, or else in the language of the text around it. */
export function fillRefs(root, questionnaire, answers, today, lang = null) {
  const spans = root.querySelectorAll('span[data-ref]');
  if (spans.length === 0) return;
  const values = rules().textValues(questionnaire, answers, today);
  for (const span of spans) {
    const around = lang ?? (span.closest('[lang]')?.getAttribute('lang') === 'en' ? 'en' : 'vi');
    span.textContent = rules().fillText(questionnaire, `\${${span.dataset.ref}}`, values, around);
  }
}

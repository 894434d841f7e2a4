// XLSForm XPath into this project's expressions: parsed as XPath, refused with a reason when it uses what the
// engine does not run, and stored as the printed text (valid in both languages).
import { ExpressionSyntaxError, parseExpression, printXPath } from '../expressions/index.js';

/** Functions of ODK's XPath that this engine does not run, and why, so the author knows what to change. */
const refusedFunctions: Readonly<Record<string, string>> = {
  pulldata: 'pulldata() reads a CSV attached to the form; this engine has no attached files',
  'indexed-repeat': 'indexed-repeat() reads repeat groups, which this engine does not have',
  once: 'once() keeps a value from the first time the form opened; answers here are computed every time',
  position: 'position() belongs to repeat groups, which this engine does not have',
  instance:
    'instance() reads secondary instances (search, pulldata), not supported: a choice_filter names the choice columns bare',
};

/** `choiceColumns`: a choice_filter, where bare names are columns of the choices sheet. */
export function translateExpression(source: string, choiceColumns = false): { text: string } | { error: string } {
  for (const [name, reason] of Object.entries(refusedFunctions)) {
    if (new RegExp(`(^|[^A-Za-z0-9_:-])${name.replace(':', '\\:')}\\s*\\(`).test(source)) return { error: reason };
  }
  if (/(^|[\s(,=<>!])\/[A-Za-z_]/.test(source) || source.includes('../'))
    return { error: 'XPath paths such as /data/q are not supported: refer to questions as ${q}' };
  try {
    return { text: printXPath(parseExpression(source, { xpath: true, choiceColumns })) };
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return { error: e.message };
    throw e;
  }
}

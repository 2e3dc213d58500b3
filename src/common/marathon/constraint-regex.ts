/**
 * The regular expressions of LIKE / UNLIKE constraints, matched in linear time.
 *
 * Marathon matches `attributeValue.matches(regex)`: a Java regex against the WHOLE value (hostname or attribute),
 * with a backtracking engine, so `(a+)+$` against forty a's and a `!` runs for ages, in Marathon as in a JS
 * RegExp. The sandbox uses RE2 instead (`re2js`, a port of RE2/J, Google's linear-time stand-in for
 * java.util.regex): the same answer for every regex both accept, in time linear in the value.
 *
 * What a definition reader answers (422 at the constraint's path):
 * - a genuinely invalid regex: Marathon's own message, `is not a valid regular expression`;
 * - Java features RE2 lacks (backreferences, lookaround, atomic groups, possessive quantifiers, class
 *   intersection and nesting, a few escapes): what the regex uses, and that the sandbox cannot match it;
 * - a regex longer than MAX_REGEX_LENGTH characters or compiling to more than MAX_REGEX_PROGRAM instructions:
 *   "regular expression too large" with the limit (a sandbox limit; Marathon has none).
 * One match is bounded too (MAX_MATCH_WORK), whatever the agents' attribute values.
 *
 * Compiled regexes and their answers are memoised (bounded): pure functions of their text, so determinism holds.
 */
import { RE2JS, RE2JSSyntaxException } from 're2js';
import { MAX_REGEX_LENGTH, MAX_REGEX_PROGRAM, tooLarge } from './constraint-regex-limits.ts';

export { MAX_REGEX_LENGTH, MAX_REGEX_PROGRAM };

/**
 * The most work one match may take: RE2 instructions × value length (a 2000-instruction regex against a
 * 100,000-character attribute runs some seconds on the NFA). Past it the value counts as neither matching nor
 * not matching: LIKE and UNLIKE both reject the agent, as for a regex that cannot be compiled.
 */
export const MAX_MATCH_WORK = 5_000_000;

/**
 * A whole-value matcher, or why the regex is refused. `matches` answers undefined when the value is too long
 * for this regex (MAX_MATCH_WORK).
 */
export type ConstraintRegex = { ok: true; matches: (value: string) => boolean | undefined } | { ok: false; error: string };

const MAX_CACHED_REGEXES = 256;
const MAX_CACHED_ANSWERS = 4096;
const compiled = new Map<string, ConstraintRegex>();

/** The regex compiled once (memoised), or the 422 message for it. */
export function constraintRegex(regex: string): ConstraintRegex {
  let found = compiled.get(regex);
  if (found === undefined) {
    if (compiled.size >= MAX_CACHED_REGEXES) compiled.clear();
    found = compile(regex);
    compiled.set(regex, found);
  }
  return found;
}

/** The 422 message for a LIKE / UNLIKE value, or undefined when the sandbox can match it. */
export function regexProblem(regex: string): string | undefined {
  const r = constraintRegex(regex);
  return r.ok ? undefined : r.error;
}

function compile(regex: string): ConstraintRegex {
  if (regex.length > MAX_REGEX_LENGTH) return { ok: false, error: tooLarge(`${regex.length} characters`) };
  const javaOnly = javaOnlyClassSyntax(regex);
  if (javaOnly) return { ok: false, error: unsupported(regex, javaOnly) };
  let re: RE2JS;
  try {
    re = RE2JS.compile(regex);
  } catch (e) {
    return { ok: false, error: syntaxProblem(regex, e) };
  }
  if (re.programSize() > MAX_REGEX_PROGRAM) return { ok: false, error: tooLarge(`${re.programSize()} instructions`) };
  const answers = new Map<string, boolean>();
  const size = re.programSize();
  return {
    ok: true,
    matches(value) {
      if (value.length * size > MAX_MATCH_WORK) return undefined;
      let yes = answers.get(value);
      if (yes === undefined) {
        if (answers.size >= MAX_CACHED_ANSWERS) answers.clear();
        yes = re.testExact(value);
        answers.set(value, yes);
      }
      return yes;
    },
  };
}

const invalid = (): string => 'is not a valid regular expression';

const unsupported = (regex: string, feature: string): string =>
  `'${regex}' uses ${feature}: a Java regular expression feature the sandbox does not support (it matches with RE2, in linear time)`;

/** Escapes java.util.regex.Pattern knows (a letter after `\`); any other letter is invalid in Java too. */
const JAVA_ESCAPES = new Set('tnrfaecdDsSwWhHvVbBAGZzQERXNpPkux0123456789');

/** Reads RE2's refusal: a Java-only feature, a size limit, or a regex Java would refuse as well. */
function syntaxProblem(regex: string, e: unknown): string {
  if (!(e instanceof RE2JSSyntaxException)) return invalid();
  const input = e.input ?? '';
  switch (e.error) {
    case 'expression too large':
      return tooLarge(`more than ${MAX_REGEX_PROGRAM} instructions`);
    case 'invalid escape sequence': {
      const letter = input.charAt(1);
      if (/[1-9]/.test(letter) || letter === 'k') return unsupported(regex, `a backreference (${input})`);
      return JAVA_ESCAPES.has(letter) ? unsupported(regex, `the escape ${input}`) : invalid();
    }
    case 'invalid or unsupported Perl syntax':
      if (input.startsWith('(?=') || input.startsWith('(?!')) return unsupported(regex, `a lookahead (${input.slice(0, 3)})`);
      if (input.startsWith('(?>')) return unsupported(regex, 'an atomic group ((?>)');
      if (/^\(\?[idmsuxU-]/.test(input)) return unsupported(regex, `the flag group ${input}`);
      return invalid();
    case 'invalid named capture':
      if (input.startsWith('(?<=') || input.startsWith('(?<!')) return unsupported(regex, `a lookbehind (${input.slice(0, 4)})`);
      return invalid();
    case 'invalid nested repetition operator':
      // `a*+`, `a++`, `a?+`, `a{2}+`: possessive in Java; `a**` is invalid there too.
      return input.endsWith('+') && input.length >= 2 ? unsupported(regex, `a possessive quantifier (${input})`) : invalid();
    case 'invalid repeat count':
      // RE2 refuses counts above 1000, nested repeats multiplied; Java takes them.
      return wellFormedRepeat(input) ? unsupported(regex, `a repeat count above RE2's 1000, nesting included (${input})`) : invalid();
    case 'invalid character class range':
      return /^\\[pP]/.test(input) ? unsupported(regex, `the character class ${input}`) : invalid();
    default:
      return invalid();
  }
}

/** `{n}`, `{n,}` or `{n,m}` with n <= m: a count Java accepts. */
function wellFormedRepeat(input: string): boolean {
  const m = /^\{(\d+)(?:,(\d*))?\}$/.exec(input);
  return m !== null && (m[2] === undefined || m[2] === '' || Number(m[1]) <= Number(m[2]));
}

/**
 * Character-class syntax Java has and RE2 reads otherwise (silently): intersection `[a-z&&[^e]]` and nested
 * classes `[a[bc]]` (a union in Java). POSIX classes `[[:alpha:]]` are RE2's own and left to it.
 */
function javaOnlyClassSyntax(regex: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i]!;
    if (c === '\\') {
      if (regex[i + 1] === 'Q') {
        const end = regex.indexOf('\\E', i + 2);
        i = end < 0 ? regex.length : end + 1;
      } else i++;
      continue;
    }
    if (!inClass) {
      if (c === '[') {
        inClass = true;
        if (regex[i + 1] === '^') i++;
        if (regex[i + 1] === ']') i++; // a leading ']' is a literal
      }
      continue;
    }
    if (c === ']') inClass = false;
    else if (c === '&' && regex[i + 1] === '&') return 'character-class intersection (&&)';
    else if (c === '[') {
      if (regex[i + 1] !== ':') return 'a nested character class (a union in Java)';
      const end = regex.indexOf(':]', i + 2);
      if (end >= 0) i = end + 1;
    }
  }
  return undefined;
}

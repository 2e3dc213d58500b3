/**
 * The page's bundle swaps two modules for smaller stand-ins (vite.config.ts, pageStandIns): they must offer what the
 * full modules offer, so the page builds against the same names, and answer only what they say they answer.
 */
import { describe, expect, it } from 'vitest';
import * as appRules from '../../../src/common/marathon/app-rules.ts';
import * as appRulesPage from '../../../src/common/marathon/app-rules-page.ts';
import * as regex from '../../../src/common/marathon/constraint-regex.ts';
import * as regexPage from '../../../src/common/marathon/constraint-regex-page.ts';
import { Violations } from '../../../src/common/marathon/violations.ts';

/** The full module's exports that the page's code imports (app-normalize.ts, validate-app.ts). */
const APP_RULES_USED = ['canonicalViolations', 'deprecatedContainerViolations', 'modelViolations'];

describe("the page's stand-ins", () => {
  it('app-rules-page offers what the page imports from app-rules, and adds no violation', () => {
    for (const name of APP_RULES_USED) {
      expect(typeof (appRulesPage as Record<string, unknown>)[name], name).toBe(typeof (appRules as Record<string, unknown>)[name]);
    }
    const v = new Violations();
    const bad = { id: '/a', container: { type: 'DOCKER' }, secrets: { s: { source: 'x' } } };
    appRulesPage.deprecatedContainerViolations(bad, v);
    appRulesPage.canonicalViolations(bad, [], v);
    appRulesPage.modelViolations(bad, v);
    expect(v.empty).toBe(true);
    // The full module refuses the same definition: the worker answers what the page leaves out.
    appRules.canonicalViolations(bad, [], v);
    expect(v.empty).toBe(false);
  });

  it("constraint-regex-page answers the full module's too-long message and leaves compiling to the worker", () => {
    expect(Object.keys(regexPage).sort()).toEqual(expect.arrayContaining(['MAX_REGEX_LENGTH', 'regexProblem']));
    const long = 'a'.repeat(regex.MAX_REGEX_LENGTH + 1);
    expect(regexPage.regexProblem(long)).toBe(regex.regexProblem(long));
    expect(regexPage.regexProblem('(')).toBeUndefined();
    expect(regex.regexProblem('(')).toBeDefined();
  });
});

/**
 * The definition a create-or-edit dialog holds (the Services editor's apps and pods, the Jobs editor's jobs): shown in
 * a form tab or a JSON editor tab, read from whichever is visible, with the local reason it cannot be read.
 */
import { parseDefinition, type Json } from '../../pages/services/form-fields.ts';
import { formatJson } from '../../pages/services/json-format.ts';
import { locateJson } from '../../pages/services/json-locate.ts';

export type EditorTab = 'form' | 'json';
export type DefinitionReading = { ok: true; json: Json } | { ok: false; message: string };

export class DefinitionDraft {
  /** The definition the form was opened on (the form writes its fields over it). */
  base = $state.raw<Json>({});
  /** The JSON editor's text. */
  text = $state('');
  tab = $state<EditorTab>('form');
  /** Why the visible tab cannot be read, before anything is sent. */
  local = $state<string | null>(null);
  readonly #form: () => Json | undefined;
  readonly #what: () => string;

  /**
   * @param form what the mounted form reads (undefined before it is mounted)
   * @param what the definition's name in a refusal ("A job definition")
   */
  constructor(initial: Json, form: () => Json | undefined, what: () => string) {
    this.#form = form;
    this.#what = what;
    this.reset(initial);
  }

  /** Starts over on another definition (a creation switching kind). */
  reset(json: Json): void {
    this.base = json;
    this.text = formatJson(json);
    this.local = null;
  }

  /** The definition as it stands in the visible tab, or why it cannot be read. */
  current(): DefinitionReading {
    if (this.tab === 'form') return { ok: true, json: this.#form() ?? this.base };
    const loc = locateJson(this.text);
    if (!loc.ok) return { ok: false, message: `The JSON does not parse: ${loc.message} (line ${loc.line}, column ${loc.column}).` };
    return parseDefinition(loc.value, this.#what());
  }

  show(next: EditorTab): void {
    if (next === this.tab) return;
    const json = this.ready();
    if (!json) return;
    this.base = json;
    if (next === 'json') this.text = formatJson(json);
    this.tab = next;
  }

  /** The definition to send; without one, the reason shows. */
  ready(): Json | null {
    const now = this.current();
    if (!now.ok) {
      this.local = now.message;
      return null;
    }
    this.local = null;
    return now.json;
  }
}

/**
 * The browser side of the import and export dialog: saving text as a download, copying it, taking the file a
 * file input picked, and the sentences the dialog shows about a scenario file. No store calls here.
 */
import { MAX_SCENARIO_FILE_BYTES } from '../../../share/scenario-file.ts';

/** Saves `text` as a file called `name`. */
export function download(text: string, name: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** Copies `text` to the clipboard; answers the sentence to show, naming `what` was copied. */
export async function copyText(text: string, what: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return `Copied the ${what}.`;
  } catch {
    return 'The browser did not allow copying: select the text and copy it by hand.';
  }
}

/** The file a file input's change picked, if any; the input is cleared so that picking the same file again fires again. */
export function takeFile(event: Event): File | null {
  const input = event.currentTarget as HTMLInputElement;
  const file = input.files?.[0];
  input.value = '';
  return file ?? null;
}

/** Why the file is too large to be a scenario file, or null when it is not. */
export function scenarioTooLarge(file: { name: string; size: number }): string | null {
  if (file.size <= MAX_SCENARIO_FILE_BYTES) return null;
  return `${file.name} is too large (${(file.size / 1e6).toFixed(1)} MB); a scenario file is at most ${MAX_SCENARIO_FILE_BYTES / 1e6} MB.`;
}

/** The saved cluster's name for a scenario file: its file name without `.json` and `.scenario`. */
export function scenarioName(fileName: string): string {
  return fileName.replace(/\.json$/i, '').replace(/\.scenario$/i, '') || 'Imported scenario';
}

/** The note after a scenario file opened as the cluster `name`, replayed to `atMs` of simulated time. */
export function scenarioOpened(fileName: string, name: string, atMs: number): string {
  return `Opened ${fileName} as a new cluster, “${name}”, at ${(atMs / 1000).toFixed(1)} s of simulated time.`;
}

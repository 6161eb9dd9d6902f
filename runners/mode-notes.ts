/**
 * Tiers a runtime build lacks. Adapters describe them in their detection
 * notes with one sentence form; detection turns those into structured
 * `unsupportedModes`, so a run can record each as a skipped case with its
 * reason instead of silently leaving it out.
 */
import { MODES, type Mode } from './types.ts';

export interface UnsupportedMode {
  mode: Mode;
  modeName: string;
  reason: string;
}

/** A tier that the build lacks, as a doctor / results note. */
export function skippedModeNote(mode: string, modeName: string, reason: string): string {
  return `${mode} (${modeName}) skipped: ${reason}`;
}

const NOTE = /^(\w+) \((.+?)\) skipped: (.*)$/s;

/** The notes written by skippedModeNote, back as data; other notes are ignored. */
export function unsupportedModesFrom(notes: readonly string[]): UnsupportedMode[] {
  const found: UnsupportedMode[] = [];
  for (const note of notes) {
    const match = NOTE.exec(note);
    if (match && (MODES as readonly string[]).includes(match[1])) found.push({ mode: match[1] as Mode, modeName: match[2], reason: match[3] });
  }
  return found;
}

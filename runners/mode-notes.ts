/**
 * Tiers a runtime build lacks. Detection records each one as data
 * (`unsupportedModes`, which the planner turns into a skipped case with its
 * reason) and, for doctor and the results' notes, as one sentence.
 */
import type { Mode } from './types.ts';

export interface UnsupportedMode {
  mode: Mode;
  modeName: string;
  reason: string;
}

/** A tier that the build lacks, as a doctor / results note. */
export function skippedModeNote(mode: string, modeName: string, reason: string): string {
  return `${mode} (${modeName}) skipped: ${reason}`;
}

/** What detection learnt: free-form notes, and the tiers the build lacks as data. */
export class TierLog {
  readonly notes: string[];
  readonly lacking: UnsupportedMode[] = [];

  constructor(notes: string[] = []) {
    this.notes = [...notes];
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** Record a tier this build lacks: data for the planner, a sentence for the notes. */
  lacks(mode: Mode, modeName: string, reason: string): void {
    this.lacking.push({ mode, modeName, reason });
    this.notes.push(skippedModeNote(mode, modeName, reason));
  }

  lacksMode(mode: Mode): boolean {
    return this.lacking.some((l) => l.mode === mode);
  }
}

/** `wasmbench fixtures build|verify`. */
import { buildFixtures, verifyFixtures } from '../../fixtures/build.ts';
import { EXIT, type ExitCode, unknownName } from '../../core/errors.ts';

export async function fixturesCommand(action: string, names: string[]): Promise<ExitCode> {
  if (action === 'build') {
    const report = await buildFixtures(names.length ? names : undefined);
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return EXIT.ok;
  }
  if (action === 'verify') {
    const report = await verifyFixtures(names.length ? names : undefined);
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return report.ok ? EXIT.ok : EXIT.measurementError;
  }
  throw unknownName('fixtures action', action, ['build', 'verify']);
}

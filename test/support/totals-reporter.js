/**
 * Prints the plain totals line CI reads ("N passed, N failed"). A suite that fails to load counts
 * as a failure, so a broken file can never pass silently.
 */
class TotalsReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed\n`);
  }
}
module.exports = TotalsReporter;

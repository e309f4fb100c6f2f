/*
 * Jest resolver for the kubernetes-models packages. Their current majors publish ES modules with
 * only an "import" export condition; Jest resolves require() with the "require" condition, so
 * imports between those packages fail. This adds "import" for requests made from inside them
 * (Jest's transform turns the ES modules into CommonJS); every other request resolves as usual.
 *
 * It is set in the root package.json for every package: Backstage's Jest config derives a project's
 * id from its transform alone, so packages share one id, and a test worker keeps one resolver per
 * id; a resolver set for one package would lose to whichever package's tests that worker ran first.
 */
const kubernetesModelsDir =
  /[\\/]node_modules[\\/](@kubernetes-models[\\/][^\\/]+|kubernetes-models)([\\/]|$)/;

module.exports = (request, options) => {
  if (kubernetesModelsDir.test(options.basedir)) {
    return options.defaultResolver(request, {
      ...options,
      conditions: [...(options.conditions ?? []), 'import'],
    });
  }
  return options.defaultResolver(request, options);
};

/*
 * Jest resolver for the kubernetes-models packages. Their current majors publish ES modules with
 * only an "import" export condition; Jest resolves require() with the "require" condition, so
 * imports between those packages fail. This adds "import" for requests made from inside them
 * (Jest's transform turns the ES modules into CommonJS); every other request resolves as usual.
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

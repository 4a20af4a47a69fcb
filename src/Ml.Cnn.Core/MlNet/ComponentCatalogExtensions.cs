using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Ml.Cnn;

/// <summary><c>mlContext.ComponentCatalog.RegisterCnn()</c>: makes MlCnn's components known to ML.NET's component catalog.</summary>
public static class ComponentCatalogExtensions
{
    /// <summary>
    /// Registers MlCnn's components with the catalog. Not needed for <c>mlContext.Model.Load</c> (ML.NET finds MlCnn's loader
    /// through the assembly name the model zip records); provided for code that registers every component it uses.
    /// </summary>
    /// <param name="catalog">ML.NET's component catalog (<c>mlContext.ComponentCatalog</c>).</param>
    public static void RegisterCnn(this ComponentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        MlNet.MlNetInternals.EnsureAvailable();
        catalog.RegisterAssembly(typeof(MlNet.ComponentFile).Assembly);
    }
}

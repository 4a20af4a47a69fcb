using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

[assembly: System.Runtime.CompilerServices.IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: System.Runtime.CompilerServices.IgnoresAccessChecksTo("Microsoft.ML.Data")]

namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// Tells the runtime that this assembly may use the internal members of the named assembly (honoured by CoreCLR; the
    /// compiler sees them through the publicized reference copies made by tools/Publicizer).
    /// </summary>
    /// <param name="assemblyName">The simple name of the assembly whose internals are used.</param>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
    {
        /// <summary>The simple name of the assembly whose internals are used.</summary>
        public string AssemblyName { get; } = assemblyName;
    }
}

namespace Ml.Cnn.MlNet
{
    /// <summary>
    /// The one place that checks the ML.NET internals MlCnn relies on (see the project file): before the first use, the
    /// members are looked up by reflection, so a Microsoft.ML whose internals changed gives one clear error naming the
    /// versions instead of a MissingMemberException deep inside a save.
    /// </summary>
    public static class MlNetInternals
    {
        /// <summary>The Microsoft.ML versions whose internals were verified (save, load in a fresh process, schema shapes).</summary>
        public static IReadOnlyList<string> VerifiedVersions { get; } = ["6.0.0"];

        private static readonly Lazy<string?> Problem = new(FindProblem);

        /// <summary>The Microsoft.ML version loaded in this process (its informational version without the commit).</summary>
        public static string LoadedVersion { get; } =
            (typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown")
            .Split('+')[0];

        /// <summary>Throws <see cref="NotSupportedException"/> naming the versions when a needed internal member is missing.</summary>
        public static void EnsureAvailable()
        {
            if (Problem.Value is { } problem)
                throw new NotSupportedException(
                    $"MlCnn saves, loads and describes its components through ML.NET internals verified with Microsoft.ML " +
                    $"{string.Join(", ", VerifiedVersions)}; this process loaded Microsoft.ML {LoadedVersion}, where {problem}. " +
                    $"Reference Microsoft.ML {VerifiedVersions[^1]}, or an MlCnn built for your Microsoft.ML.");
        }

        private static string? FindProblem()
        {
            const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
            (Type Type, string Member)[] needed =
            [
                (typeof(ModelSaveContext), "Writer"), (typeof(ModelSaveContext), "SetVersionInfo"), (typeof(ModelSaveContext), "CheckAtModel"),
                (typeof(ModelLoadContext), "Reader"), (typeof(ModelLoadContext), "CheckAtModel"),
                (typeof(SchemaShape.Column), ".ctor"), (typeof(Microsoft.ML.Transforms.RowShufflingTransformer), "GetShuffledCursor"), (typeof(SchemaShape), "Create"), (typeof(Microsoft.ML.Data.CatalogUtils), "GetEnvironment"),
                (typeof(DataOperationsCatalog.TrainTestData), ".ctor"),
            ];
            foreach (var (type, member) in needed)
                if (type.GetMember(member, Any).Length == 0) return $"{type.Name}.{member} does not exist";
            if (typeof(VersionInfo).GetConstructors(Any).All(c => c.GetParameters().Length != 7))
                return "VersionInfo has another constructor";
            return null;
        }
    }
}

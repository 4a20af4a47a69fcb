using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using Ml.Cnn.MlNet;

[assembly: LoadableClass(typeof(ITransformer), typeof(ComponentFile), null, typeof(SignatureLoadModel),
    "MlCnn component", ComponentFile.LoaderSignature)]

namespace Ml.Cnn.MlNet;

/// <summary>
/// Saves MlCnn components into ML.NET model zips and loads them back, in any process: every component is written under one
/// loader signature with its .NET type name, and ML.NET finds this loader by itself (the zip records this assembly), so
/// <c>mlContext.Model.Load</c> needs no registration. Only types of MlCnn's own assemblies that implement
/// <see cref="ICnnComponent{TSelf}"/> are ever instantiated from a file.
/// </summary>
public static class ComponentFile
{
    /// <summary>The loader signature ML.NET records for every MlCnn component.</summary>
    public const string LoaderSignature = "MlCnnComponent";

    private const string ModelSignature = "MLCNNCMP";
    private const uint FormatVersion = 0x00010001;

    private static VersionInfo Version() =>
        new(ModelSignature, FormatVersion, FormatVersion, FormatVersion, typeof(ComponentFile).Assembly.FullName, LoaderSignature);

    /// <summary>Writes <paramref name="component"/> into ML.NET's save context (call from <c>ICanSaveModel.Save</c>).</summary>
    /// <param name="context">ML.NET's save context.</param>
    /// <param name="component">The component.</param>
    public static void Save(ModelSaveContext context, ICnnComponent component)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(component);
        MlNetInternals.EnsureAvailable();
        context.CheckAtModel();
        context.SetVersionInfo(Version());
        var type = component.GetType();
        context.Writer.Write($"{type.FullName}, {type.Assembly.GetName().Name}");
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true)) component.SavePayload(writer);
        context.Writer.Write(payload.Length);
        context.Writer.Write(payload.GetBuffer(), 0, (int)payload.Length);
    }

    /// <summary>ML.NET's entry point for loading (found through the LoadableClass attribute of this assembly).</summary>
    private static ITransformer Create(IHostEnvironment environment, ModelLoadContext context)
    {
        MlNetInternals.EnsureAvailable();
        context.CheckAtModel(Version());
        var typeName = context.Reader.ReadString();
        var length = context.Reader.ReadInt64();
        if (length < 0 || length > int.MaxValue)
            throw new InvalidDataException($"The MlCnn component '{typeName}' in this model has a payload of {length} bytes; the model file is damaged.");
        var payload = context.Reader.ReadBytes((int)length);
        if (payload.Length != length)
            throw new InvalidDataException($"The MlCnn component '{typeName}' in this model is truncated; the model file is damaged.");
        var type = Resolve(typeName);
        var load = typeof(ComponentFile).GetMethod(nameof(LoadTyped), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        using var reader = new BinaryReader(new MemoryStream(payload), System.Text.Encoding.UTF8);
        try
        {
            return (ITransformer)load.Invoke(null, [environment, reader])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static TSelf LoadTyped<TSelf>(IHostEnvironment environment, BinaryReader reader) where TSelf : class, ITransformer, ICnnComponent<TSelf> =>
        TSelf.Load(environment, reader);

    private static Type Resolve(string typeName)
    {
        var assembly = typeName.Split(", ") is [_, var name] ? name : "";
        if (!assembly.StartsWith("Ml.Cnn", StringComparison.Ordinal))
            throw new InvalidDataException($"The model names '{typeName}' as an MlCnn component; only MlCnn's own types are loaded. The model file is damaged or foreign.");
        Type? type;
        try
        {
            type = Type.GetType(typeName, throwOnError: false);
        }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException)
        {
            type = null;
        }
        if (type is null)
            throw new InvalidOperationException($"The model holds the MlCnn component '{typeName}', which this process cannot find. " +
                $"Reference the {assembly} package (the same MlCnn version that saved the model).");
        var loadable = type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICnnComponent<>) &&
            i.GetGenericArguments()[0] == type);
        if (!loadable || !typeof(ITransformer).IsAssignableFrom(type))
            throw new InvalidDataException($"'{typeName}' is not a loadable MlCnn component; the model file is damaged or foreign.");
        return type;
    }
}

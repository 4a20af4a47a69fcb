using System.Globalization;

namespace Ml.Cnn.Layers;

/// <summary>Turns a resolved layer spec (as stored in a model file) back into layers, so a loaded model can print its summary.</summary>
public static class LayerSpecParser
{
    /// <summary>Parses one layer per line; the inverse of <see cref="ResolvedNetwork.Spec"/>.</summary>
    /// <param name="spec">The spec text.</param>
    public static IReadOnlyList<Layer> Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var layers = new List<Layer>();
        var number = 0;
        foreach (var line in spec.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var args = parts.Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
            try
            {
                layers.Add(Create(parts[0], args));
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or ArgumentException)
            {
                throw new FormatException($"Layer spec line {number} ('{line.Trim()}'): {e.Message}", e);
            }
        }
        return layers;
    }

    private static Layer Create(string kind, Dictionary<string, string> a)
    {
        int I(string key) => int.Parse(a[key], CultureInfo.InvariantCulture);
        double D(string key) => double.Parse(a[key], CultureInfo.InvariantCulture);
        return kind switch
        {
            "conv2d" => new Conv2d(I("out"), I("kernel"), I("stride"), I("padding"), I("dilation"), I("groups"), I("bias") != 0),
            "batchnorm2d" => new BatchNorm2d(D("eps"), D("momentum")),
            "relu" => new Activation(ActivationKind.ReLU),
            "leakyrelu" => new Activation(ActivationKind.LeakyReLU, D("slope")),
            "gelu" => new Activation(ActivationKind.GELU),
            "silu" => new Activation(ActivationKind.SiLU),
            "maxpool2d" => new Pool2d(max: true, I("kernel"), I("stride"), I("padding")),
            "avgpool2d" => new Pool2d(max: false, I("kernel"), I("stride"), I("padding")),
            "gap" => new GlobalAveragePool(),
            "dropout" => new Dropout(D("p")),
            "flatten" => new Flatten(),
            "dense" => new Dense(I("out"), I("bias") != 0),
            "residual" => new ResidualBlock(I("out"), I("stride")),
            "dwsep" => new DepthwiseSeparableConv(I("out"), I("kernel"), I("stride"), I("padding")),
            _ => throw new FormatException($"unknown layer kind '{kind}'"),
        };
    }
}

namespace Ml.Cnn.Engine;

/// <summary>Where the math runs.</summary>
public enum ComputeDevice
{
    /// <summary>CUDA when libtorch has a CUDA device, otherwise CPU.</summary>
    Auto = 0,

    /// <summary>The CPU.</summary>
    Cpu = 1,

    /// <summary>The first CUDA GPU.</summary>
    Cuda = 2,
}

using Ml.Cnn.Engine;

namespace Ml.Cnn.Tests.Shared;

/// <summary>A test that needs a CUDA device: reported as skipped (with the reason) where libtorch sees none.</summary>
internal sealed class CudaFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless libmlcnn's libtorch sees a CUDA device.</summary>
    public CudaFactAttribute()
    {
        if (Torch.CudaDeviceCount == 0) Skip = $"needs a CUDA device; libtorch {Torch.Version} sees none";
    }
}

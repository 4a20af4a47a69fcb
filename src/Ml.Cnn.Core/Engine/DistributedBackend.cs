namespace Ml.Cnn.Engine;

/// <summary>How the ranks of a <see cref="ProcessGroup"/> talk (torch.distributed's backends).</summary>
public enum DistributedBackend
{
    /// <summary>Gloo over TCP: CPU tensors (Debian's libtorch has it).</summary>
    Gloo = 0,

    /// <summary>NCCL: CUDA tensors; needs libmlcnn built against a CUDA libtorch.</summary>
    Nccl = 1,
}

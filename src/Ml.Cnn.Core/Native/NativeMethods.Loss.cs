using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_loss_cross_entropy")]
    internal static partial int LossCrossEntropy(TensorHandle logits, long* labels, float* weights, out float loss);
}

using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_model_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ModelCreate(string spec, int device, ulong seed, out ModelHandle model);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_seed")]
    internal static partial int ModelSeed(ModelHandle model, ulong seed);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_set_threads")]
    internal static partial int ModelSetThreads(ModelHandle model, int threads);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_free")]
    internal static partial int ModelFree(IntPtr model);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_device")]
    internal static partial int ModelDevice(ModelHandle model, out int device);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_set_input")]
    internal static partial int ModelSetInput(ModelHandle model, float scale, float* mean, float* std, int channels);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_forward")]
    internal static partial int ModelForward(ModelHandle model, TensorHandle input, int train, out TensorHandle output);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_predict_u8")]
    internal static partial int ModelPredictU8(ModelHandle model, byte* pixels, long n, long c, long h, long w,
        int head, float* output, long outputCount);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_param_count")]
    internal static partial int ModelParamCount(ModelHandle model, out long trainable, out long buffers);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_state_count")]
    internal static partial int ModelStateCount(ModelHandle model, out int count);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_state_name")]
    internal static partial int ModelStateName(ModelHandle model, int index, out byte* name);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_state_get", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ModelStateGet(ModelHandle model, string name, out TensorHandle value);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_state_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ModelStateSet(ModelHandle model, string name, TensorHandle value);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_set_precision")]
    internal static partial int ModelSetPrecision(ModelHandle model, int precision);
}

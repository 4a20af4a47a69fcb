namespace Ml.Cnn.Tests.Shared;

/// <summary>A result the oracle says is wrong: silent corruption.</summary>
internal sealed class FuzzWrongResultException(string message) : Exception(message);

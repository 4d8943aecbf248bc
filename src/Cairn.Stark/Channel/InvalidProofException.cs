namespace Cairn.Stark.Channel;

/// <summary>
/// Raised inside verifiers when the proof is malformed or fails a check; public verify methods turn it into a
/// <c>false</c> result with a reason.
/// </summary>
public sealed class InvalidProofException(string message) : Exception(message);

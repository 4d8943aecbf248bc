namespace Cairn.Cairo.Hints;

/// <summary>A hint failed; the VM wraps it in a <see cref="Vm.VmException"/> naming the pc and the hint.</summary>
public sealed class HintException(string message, Exception? inner = null) : Exception(message, inner);

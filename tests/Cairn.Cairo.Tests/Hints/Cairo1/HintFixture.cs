using System.Numerics;
using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo1;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Vm;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo1;

/// <summary>A VM with a program segment (0) and an execution segment (1), fp = 1:10, ap = 1:20.</summary>
internal sealed class HintFixture
{
    public HintFixture()
    {
        Vm = new VirtualMachine();
        Memory.AddSegment();
        var exec = Memory.AddSegment();
        Vm.Pc = new Relocatable(0, 0);
        Vm.Fp = exec.Add(10);
        Vm.Ap = exec.Add(20);
        Context = new HintContext(Vm);
    }

    public VirtualMachine Vm { get; }

    public VmMemory Memory => Vm.Memory;

    public HintContext Context { get; }

    public static CellRef Ap(short offset) => new(CellRegister.Ap, offset);

    public static CellRef Fp(short offset) => new(CellRegister.Fp, offset);

    public static ResOperand D(CellRef cell) => ResOperand.Deref(cell);

    public static ResOperand Imm(BigInteger value) => ResOperand.Imm(Felt.FromBigIntegerReduced(value));

    public static ResOperand Imm(Felt value) => ResOperand.Imm(value);

    public static ResOperand Imm(int value) => Imm((BigInteger)value);

    public void Set(CellRef cell, MaybeRelocatable value) => Memory.Insert(cell.Address(Context), value);

    public void Set(CellRef cell, BigInteger value) => Memory.Insert(cell.Address(Context), Felt.FromBigIntegerReduced(value));

    public MaybeRelocatable Get(CellRef cell) => Memory.Get(cell.Address(Context));

    public BigInteger Int(CellRef cell) => Memory.GetFelt(cell.Address(Context)).ToBigInteger();

    public bool IsSet(CellRef cell) => Memory.TryGet(cell.Address(Context), out _);

    public void Run(IHint hint) => hint.Execute(Context);
}

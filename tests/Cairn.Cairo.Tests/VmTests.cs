using Cairn.Cairo.Instructions;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Primitives;
using static Cairn.Cairo.Instructions.Register;

namespace Cairn.Cairo.Tests;

public class VmTests
{
    private static CairoRunner Run(Asm asm, int mainPc = 0, long maxSteps = 1_000_000, bool trace = false, params string[] builtins)
    {
        var runner = new CairoRunner(asm.Build(mainPc, builtins), new CairoRunOptions { MaxSteps = maxSteps, RecordTrace = trace });
        runner.RunMain();
        return runner;
    }

    private static Felt F(ulong v) => Felt.FromUInt64(v);

    private static MaybeRelocatable At(CairoRunner r, Relocatable a) => r.Memory.Get(a);

    [Fact]
    public void Assert_eq_with_each_res_logic_and_deduction()
    {
        var a = new Asm()
            .AssertImm(Ap, 0, 6, apPlusPlus: true)                                  // [ap] = 6          (res op1, dst deduced)
            .AssertImm(Ap, 0, 7, apPlusPlus: true)                                  // [ap] = 7
            .AssertOp(ResLogic.Add, Ap, 0, Ap, -2, Ap, -1, apPlusPlus: true)        // [ap] = 6 + 7      (dst deduced)
            .AssertOp(ResLogic.Mul, Ap, 0, Ap, -3, Ap, -2, apPlusPlus: true)        // [ap] = 6 * 7
            .AssertImm(Ap, 1, 100)                                                  // [ap + 1] = 100
            .AssertOp(ResLogic.Add, Ap, 1, Ap, 0, Ap, -4)                           // 100 = [ap] + 6 -> op0 deduced = 94
            .AssertImm(Ap, 3, 84)                                                   // [ap + 3] = 84
            .AssertOp(ResLogic.Mul, Ap, 3, Ap, -3, Ap, 2)                           // 84 = 7 * [ap + 2] -> op1 deduced = 12
            .AssertImm(Ap, 5, 35)                                                   // [ap + 5] = 35
            .AssertOp(ResLogic.Mul, Ap, 5, Ap, 4, Ap, -3)                           // 35 = [ap + 4] * 7 -> op0 deduced = 5
            .AssertImm(Ap, 7, 50)                                                   // [ap + 7] = 50
            .AssertOp(ResLogic.Add, Ap, 7, Ap, -2, Ap, 6)                           // 50 = 13 + [ap + 6] -> op1 deduced = 37
            .AssertCopy(Ap, 8, Ap, 7)                                               // [ap + 8] = [ap + 7]
            .AssertOpImm(ResLogic.Add, Ap, 9, Ap, 8, Felt.MaxValue)                 // [ap + 9] = 50 + (-1)
            .AssertOpImm(ResLogic.Mul, Ap, 10, Ap, 9, 2)                            // [ap + 10] = 49 * 2
            .Ret();
        var r = Run(a);
        var e = r.ExecutionBase.Add(2); // fp
        ulong[] expected = [6, 7, 13, 42, 94, 100, 12, 84, 5, 35, 37, 50, 50, 49, 98];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(new MaybeRelocatable(F(expected[i])), At(r, e.Add(i)));
        Assert.Equal(r.EndPc, r.Vm.Pc);
    }

    [Fact]
    public void Assert_eq_failure_names_the_pc()
    {
        var a = new Asm().AssertImm(Ap, 0, 1, apPlusPlus: true).AssertImm(Ap, -1, 2).Ret();
        var e = Assert.Throws<VmException>(() => Run(a));
        Assert.Equal(new Relocatable(0, 2), e.Pc);
        Assert.Contains("An ASSERT_EQ instruction failed: 1 != 2.", e.Message);
        Assert.StartsWith("Error at pc=0:2:", e.Message);
    }

    [Fact]
    public void Mul_deduction_with_zero_operand_fails()
    {
        var a = new Asm().AssertImm(Ap, 0, 0).AssertImm(Ap, 1, 5).AssertOp(ResLogic.Mul, Ap, 1, Ap, 2, Ap, 0).Ret();
        var e = Assert.Throws<VmException>(() => Run(a));
        Assert.Contains("Couldn't compute operand op0", e.Message);
    }

    [Fact]
    public void Call_rel_and_ret_build_frames()
    {
        // f: [ap] = [fp - 3] + 1, ap++ ; ret      main: [ap] = 41, ap++ ; call rel f ; ret
        var a = new Asm();
        a.AssertOpImm(ResLogic.Add, Ap, 0, Fp, -3, 1, apPlusPlus: true).Ret();
        int main = a.Pc;
        a.AssertImm(Ap, 0, 41, apPlusPlus: true);
        int callPc = a.Pc;
        a.CallRel(0).Ret();
        var r = Run(a, main, trace: true);
        var fp0 = r.ExecutionBase.Add(2);
        // call wrote [ap] = fp, [ap + 1] = return pc, and the callee's result is at [ap - 1] after ret
        Assert.Equal(new MaybeRelocatable(fp0), At(r, fp0.Add(1)));
        Assert.Equal(new MaybeRelocatable(new Relocatable(0, (ulong)callPc + 2)), At(r, fp0.Add(2)));
        Assert.Equal(new MaybeRelocatable(F(42)), At(r, fp0.Add(3)));
        var t = r.Vm.Trace;
        Assert.Equal(5, t.Count);
        Assert.Equal(new TraceEntry(new Relocatable(0, 0), fp0.Add(3), fp0.Add(3)), t[2]); // first callee step
        Assert.Equal(new TraceEntry(new Relocatable(0, (ulong)callPc + 2), fp0.Add(4), fp0), t[4]); // back in main
    }

    [Fact]
    public void Call_abs_and_jmp_abs_through_a_register()
    {
        // f: [ap] = 9, ap++ ; ret ; g: jmp abs [fp - 3] is unused; main(fptr): call abs [fp - 3]; ret
        var a = new Asm();
        a.AssertImm(Ap, 0, 9, apPlusPlus: true).Ret();
        int main = a.Pc;
        a.CallAbs(Fp, -3).Ret();
        var prog = a.Build(main);
        var r = new CairoRunner(prog);
        r.RunFunction(main, [new Relocatable(0, 0)]);
        var fp0 = r.ExecutionBase.Add(3);
        Assert.Equal(new MaybeRelocatable(F(9)), r.Memory.Get(fp0.Add(2)));

        // jmp abs: main(target): jmp abs [fp - 3] ; (skipped) [ap] = 1 ; target: [ap] = 2, ap++ ; ret
        var b = new Asm();
        b.JmpAbs(Fp, -3).AssertImm(Ap, 0, 1, apPlusPlus: true);
        int target = b.Pc;
        b.AssertImm(Ap, 0, 2, apPlusPlus: true).Ret();
        var r2 = new CairoRunner(b.Build());
        r2.RunFunction(0, [new Relocatable(0, (ulong)target)]);
        Assert.Equal(new MaybeRelocatable(F(2)), r2.Memory.Get(r2.ExecutionBase.Add(3)));
        Assert.Equal(3, r2.Vm.CurrentStep);
    }

    [Fact]
    public void Jmp_rel_forward_and_ap_updates()
    {
        var a = new Asm();
        a.ApAdd(3);                                   // ap += 3
        a.JmpRel(a.Pc + 4);                           // skip the next instruction (2 words)
        a.AssertImm(Ap, 0, 99, apPlusPlus: true);     // skipped
        a.AssertImm(Ap, 0, 5, apPlusPlus: true);      // [ap] = 5, ap++
        a.Emit(Asm.Ins(Opcode.AssertEq, Ap, 0, op1Src: Op1Source.Imm, ap: ApUpdate.Add), 2); // [ap] = 2; ap += [ap] (=2, ap += res)
        a.Ret();
        var r = Run(a);
        var fp0 = r.ExecutionBase.Add(2);
        Assert.Equal(new MaybeRelocatable(F(5)), r.Memory.Get(fp0.Add(3)));
        Assert.Equal(new MaybeRelocatable(F(2)), r.Memory.Get(fp0.Add(4)));
        Assert.False(r.Memory.TryGet(fp0, out _));
        Assert.Equal(fp0.Add(6), r.Vm.Ap);
        Assert.Equal(5, r.Vm.CurrentStep);
    }

    [Fact]
    public void Jnz_taken_and_not_taken()
    {
        // main(x): jnz +4 if [fp - 3] != 0 ; [ap] = 10, ap++ ; ret ; [ap] = 20, ap++ ; ret
        var a = new Asm();
        a.Jnz(6, Fp, -3).AssertImm(Ap, 0, 10, apPlusPlus: true).Ret();
        Assert.Equal(5, a.Pc);
        a.Word(0); // padding word never executed
        a.AssertImm(Ap, 0, 20, apPlusPlus: true).Ret();
        foreach (var (arg, result) in new[] { (0UL, 10UL), (7UL, 20UL) })
        {
            var r = new CairoRunner(a.Build());
            r.RunFunction(0, [F(arg)]);
            Assert.Equal(new MaybeRelocatable(F(result)), r.Memory.Get(r.ExecutionBase.Add(3)));
        }
        // a relocatable is never zero: the jump is taken
        var r2 = new CairoRunner(a.Build());
        r2.RunFunction(0, [new Relocatable(0, 0)]);
        Assert.Equal(new MaybeRelocatable(F(20)), r2.Memory.Get(r2.ExecutionBase.Add(3)));
    }

    [Theory]
    [InlineData(1, 2UL)]
    [InlineData(10, 144UL)]
    [InlineData(50, 32951280099UL)]
    public void Fibonacci_loop(int n, ulong expected)
    {
        var a = Programs.FibonacciLoop(n);
        var r = Run(a);
        Assert.Equal(new MaybeRelocatable(F(expected)), r.Memory.Get(r.Vm.Ap.Add(-2)));
        Assert.Equal(3 + 4L * n + 1, r.Vm.CurrentStep);
    }

    [Fact]
    public void Recursive_factorial()
    {
        var r = Run(Programs.Factorial(10), Programs.FactorialMain);
        Assert.Equal(new MaybeRelocatable(F(3628800)), r.Memory.Get(r.Vm.Ap.Add(-1)));

        var deep = Run(Programs.Factorial(3000), Programs.FactorialMain);
        var expected = System.Numerics.BigInteger.One;
        for (int i = 2; i <= 3000; i++) expected *= i;
        Assert.Equal(new MaybeRelocatable(Felt.FromBigIntegerReduced(expected)), deep.Memory.Get(deep.Vm.Ap.Add(-1)));
    }

    [Fact]
    public void Step_limit_exceeded_is_a_clear_error()
    {
        var a = new Asm();
        a.JmpRel(0);
        var e = Assert.Throws<VmException>(() => Run(a, maxSteps: 100));
        Assert.Contains("step limit exceeded: 100 steps", e.Message);
        Assert.Equal(new Relocatable(0, 0), e.Pc);
    }

    [Fact]
    public void Memory_limit_exceeded_is_a_clear_error()
    {
        var a = new Asm();
        a.AssertImm(Register.Ap, 0, 1, apPlusPlus: true).JmpRel(0); // [ap] = 1, ap++; jmp 0 — forever
        var runner = new CairoRunner(a.Build(), new CairoRunOptions { MaxMemoryBytes = 50_000 * 32 });
        var e = Assert.Throws<VmException>(runner.RunMain);
        Assert.Contains("memory limit exceeded", e.Message);
        Assert.Contains("above the limit of 1600000 bytes", e.Message);
        Assert.Equal(new Relocatable(0, 0), e.Pc);
        Assert.True(runner.Memory.AllocatedBytes <= 50_000 * 32);
        Assert.True(runner.Vm.CurrentStep > 40_000, $"{runner.Vm.CurrentStep} steps");

        // The trace counts too: a loop that writes nothing fails once its trace passes the limit.
        var spin = new Asm();
        spin.JmpRel(0);
        var traced = new CairoRunner(spin.Build(), new CairoRunOptions { MaxMemoryBytes = 4 << 20, RecordTrace = true });
        var t = Assert.Throws<VmException>(traced.RunMain);
        Assert.Contains("memory limit exceeded", t.Message);
        Assert.InRange(traced.Vm.CurrentStep, 65_536, 4 << 20 >> 4);

        // The default limit lets the same number of steps through.
        var free = new CairoRunner(a.Build(), new CairoRunOptions { MaxSteps = 100_000 });
        Assert.Contains("step limit exceeded", Assert.Throws<VmException>(free.RunMain).Message);
    }

    [Fact]
    public void Invalid_instruction_names_the_pc()
    {
        var a = new Asm().AssertImm(Ap, 0, 1, apPlusPlus: true).Word(0x000C800080008000UL); // op1_src = 3
        var e = Assert.Throws<VmException>(() => Run(a));
        Assert.Equal(new Relocatable(0, 2), e.Pc);
        Assert.Contains("invalid op1_src", e.Message);

        var b = new Asm().AssertImm(Ap, 0, 1, apPlusPlus: true); // runs off the end of the program
        var e2 = Assert.Throws<VmException>(() => Run(b));
        Assert.Equal(new Relocatable(0, 2), e2.Pc);
        Assert.Contains("Unknown value for memory cell at address 0:2", e2.Message);
    }

    [Fact]
    public void Reading_an_unset_cell_that_must_be_set_fails()
    {
        // jnz on an unset [ap]: dst cannot be deduced
        var a = new Asm().Jnz(0, Ap, 0).Ret();
        var e = Assert.Throws<VmException>(() => Run(a));
        Assert.Contains("Couldn't get or load dst", e.Message);
        // double dereference through an unset op0
        var b = new Asm().AssertDeref(Ap, 0, Ap, 0).Ret();
        var e2 = Assert.Throws<VmException>(() => Run(b));
        Assert.Contains("op0 must be known in double dereference", e2.Message);
    }

    [Fact]
    public void Call_with_inconsistent_return_fp_fails()
    {
        // [ap] = 5 (no ap++), then call: [ap] should be fp but holds 5
        var a = new Asm();
        a.AssertImm(Ap, 0, 5);
        a.CallRel(a.Pc + 2).Ret();
        var e = Assert.Throws<VmException>(() => Run(a));
        Assert.Contains("Call failed to write return-fp (inconsistent dst): 5 != 1:2", e.Message);
    }

    [Fact]
    public void Memory_errors_inside_a_step_are_reported_with_the_pc()
    {
        // fp = ap = 1:2; [ap - 5] is below the segment start
        var a = new Asm().AssertImm(Ap, 0, 1, apPlusPlus: true).AssertImm(Ap, -5, 3).Ret();
        var e = Assert.Throws<VmException>(() => Run(a));
        Assert.Equal(new Relocatable(0, 2), e.Pc);
        Assert.IsType<MemoryException>(e.InnerException);
        Assert.Contains("offset out of range", e.Message);
    }
}

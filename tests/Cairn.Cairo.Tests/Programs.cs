using Cairn.Cairo.Instructions;
using static Cairn.Cairo.Instructions.Register;

namespace Cairn.Cairo.Tests;

/// <summary>Hand-assembled programs shared by the tests (the benchmark has its own copy).</summary>
internal static class Programs
{
    /// <summary>
    /// main: a = 1, b = 1, n; loop n times: (a, b, n) = (b, a + b, n − 1); ret. Leaves F(n + 2) at
    /// [ap − 2]. 3 + 4n + 1 steps.
    /// </summary>
    public static Asm FibonacciLoop(int n)
    {
        var a = new Asm()
            .AssertImm(Ap, 0, 1, apPlusPlus: true)
            .AssertImm(Ap, 0, 1, apPlusPlus: true)
            .AssertImm(Ap, 0, (ulong)n, apPlusPlus: true);
        int body = a.Pc;
        a.AssertCopy(Ap, 0, Ap, -2, apPlusPlus: true)                                    // a' = b
            .AssertOp(ResLogic.Add, Ap, 0, Ap, -4, Ap, -3, apPlusPlus: true)             // b' = a + b
            .AssertOpImm(ResLogic.Add, Ap, 0, Ap, -3, Primitives.Felt.MaxValue, apPlusPlus: true) // n' = n − 1
            .Jnz(body, Ap, -1)
            .Ret();
        return a;
    }

    public const int FactorialMain = 11;

    /// <summary>
    /// fact(n) = n == 0 ? 1 : n · fact(n − 1), recursive; main calls fact(n) and leaves the result
    /// at [ap − 1]. main is at pc <see cref="FactorialMain"/>.
    /// </summary>
    public static Asm Factorial(int n)
    {
        var a = new Asm();
        a.Jnz(5, Fp, -3)                                                    // 0: if n != 0 goto 5
            .AssertImm(Ap, 0, 1, apPlusPlus: true)                          // 2: [ap] = 1, ap++
            .Ret();                                                         // 4
        a.AssertOpImm(ResLogic.Add, Ap, 0, Fp, -3, Primitives.Felt.MaxValue, apPlusPlus: true) // 5: [ap] = n − 1, ap++
            .CallRel(0)                                                     // 7: call fact
            .AssertOp(ResLogic.Mul, Ap, 0, Fp, -3, Ap, -1, apPlusPlus: true) // 9: [ap] = n * [ap − 1], ap++
            .Ret();                                                         // 10
        a.AssertImm(Ap, 0, (ulong)n, apPlusPlus: true)                      // 11: main
            .CallRel(0)
            .Ret();
        return a;
    }
}

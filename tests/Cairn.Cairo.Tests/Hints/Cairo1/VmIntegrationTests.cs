using System.Text.Json;
using Cairn.Cairo.Hints.Cairo1;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Vm;
using Cairn.Primitives;
using static Cairn.Cairo.Instructions.Register;

namespace Cairn.Cairo.Tests.Hints.Cairo1;

public class VmIntegrationTests
{
    [Fact]
    public void Parsed_hints_run_before_the_instruction_at_their_pc()
    {
        var asm = new Asm()
            .AssertOpImm(ResLogic.Mul, Ap, 2, Ap, 0, Felt.FromUInt64(5))   // pc 0: [ap+2] = q * 5   (q from DivMod)
            .AssertOp(ResLogic.Add, Ap, 3, Ap, 2, Ap, 1)                  // pc 2: [ap+3] = q*5 + r
            .AssertImm(Ap, 4, Felt.One);                                  // pc 3: [ap+4] = 1       (TestLessThan result)
        const string hintsJson = """
            [
              [0, [{"DivMod": {"lhs": {"Immediate": "0x11"}, "rhs": {"Immediate": "0x5"},
                               "quotient": {"register": "AP", "offset": 0}, "remainder": {"register": "AP", "offset": 1}}}]],
              [3, [{"TestLessThan": {"lhs": {"Deref": {"register": "AP", "offset": 3}}, "rhs": {"Immediate": "0x12"},
                                     "dst": {"register": "AP", "offset": 4}}}]]
            ]
            """;
        using var doc = JsonDocument.Parse(hintsJson);

        var vm = new VirtualMachine();
        var code = vm.Memory.AddSegment();
        var exec = vm.Memory.AddSegment();
        vm.Memory.Load(code, asm.Words.Select(w => new MaybeRelocatable(w)).ToArray());
        vm.SetCodeSegment(code.Segment, asm.Words.Count);
        vm.SetHints(Cairo1HintParser.ParseHints(doc.RootElement));
        vm.Pc = code;
        vm.Ap = exec.Add(2);
        vm.Fp = exec.Add(2);
        vm.Memory.Insert(exec.Add(1), Felt.Zero); // [fp - 1]: op0 of the immediate-assert encoding
        vm.RunSteps(3);

        ulong[] expected = [3, 2, 15, 17, 1];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(new MaybeRelocatable(Felt.FromUInt64(expected[i])), vm.Memory.Get(exec.Add(2 + i)));
    }
}

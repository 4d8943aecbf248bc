using Cairn.Cairo.Programs;
using Cairn.Execution.Calls;
using Cairn.Execution.Classes;
using Cairn.Execution.Executor;
using Cairn.Execution.Fees;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;

namespace Cairn.Rpc.Tests;

/// <summary>Sample transactions, receipts and classes of every kind, for the fake backend and the codec tests.</summary>
public static class Samples
{
    public static readonly Felt ChainId = Felt.FromShortString("SN_SEPOLIA");
    public static readonly ContractAddress Account = new(Felt.Parse("0x3a11ce"));
    public static readonly ContractAddress Token = new(Felt.Parse("0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d"));
    public static readonly ClassHash AccountClass = new(Felt.Parse("0x5c478ee27f2112411f86f207605b2e2c58cdb647bac0df27f660ef2252359c6"));

    public static ResourceBoundsMapping Bounds => new(new ResourceBounds(0x100, 0x2540be400), new ResourceBounds(0x1000000, 0x174876e800), new ResourceBounds(0x200, 0x3b9aca00));

    public static InvokeTransactionV3 Invoke(ulong nonce = 1) => new()
    {
        SenderAddress = Account.Value,
        Calldata = new Felt[] { 1, Token.Value, Felt.Parse("0x83afd3f4caedc6eebf44246fe54e38c95e3179a5ec9ea81740eca5b482d12e"), 3, 0xb0b, 1000, 0 },
        Nonce = nonce,
        ResourceBounds = Bounds,
        Tip = 7,
        Signature = new Felt[] { Felt.Parse("0x1234"), Felt.Parse("0x5678") },
    };

    public static SierraContractClass SierraClass() => new()
    {
        SierraProgram = new Felt[] { Felt.Parse("0x1"), Felt.Parse("0x3"), Felt.Parse("0x0"), Felt.Parse("0x2"), Felt.Parse("0x6"), Felt.Parse("0x0") },
        ContractClassVersion = "0.1.0",
        External = [new SierraEntryPoint(Felt.Parse("0x362398bec32bc0ebb411203221a35a0301193a96f317ebe5e40be9f60d15320"), 0)],
        L1Handler = [],
        Constructor = [new SierraEntryPoint(Felt.Parse("0x28ffe4ff0f226a9107253e17a904099aa4f63a02a5621de0576e5aa71bc5194"), 1)],
        Abi = "[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[],\"outputs\":[],\"state_mutability\":\"view\"}]",
    };

    public static CasmContractClass Casm() => CasmContractClass.Create(
        [Felt.Parse("0x40780017fff7fff"), Felt.Parse("0x1"), Felt.Parse("0x208b7fff7fff7ffe")],
        new Dictionary<int, IReadOnlyList<string>>(),
        [new CasmEntryPoint(Felt.Parse("0x362398bec32bc0ebb411203221a35a0301193a96f317ebe5e40be9f60d15320"), 0, ["range_check"])]);

    public static DeclareTransactionV3 Declare()
    {
        var sierra = SierraClass();
        return new DeclareTransactionV3
        {
            SenderAddress = Account.Value,
            ClassHash = SierraClassHash.Compute(sierra).Value,
            CompiledClassHash = CompiledClassHasher.ComputeBlake(Casm()),
            ContractClass = sierra,
            Nonce = 2,
            ResourceBounds = Bounds,
            Signature = new Felt[] { 5, 6 },
            AccountDeploymentData = new Felt[] { 9 },
        };
    }

    public static DeployAccountTransactionV3 DeployAccount() => new()
    {
        ClassHash = AccountClass.Value,
        ContractAddressSalt = Felt.Parse("0xabc"),
        ConstructorCalldata = new Felt[] { Felt.Parse("0x7e52115") },
        Nonce = 0,
        ResourceBounds = Bounds,
        Signature = new Felt[] { 1, 2 },
        NonceDataAvailabilityMode = DataAvailabilityMode.L1,
        FeeDataAvailabilityMode = DataAvailabilityMode.L1,
    };

    public static L1HandlerTransaction L1Handler() => new()
    {
        ContractAddress = Token.Value,
        EntryPointSelector = Felt.Parse("0x2d757788a8d8d6f21d1cd40bce38a8222d70654214e96ff95d8086e684fbee5"),
        Calldata = new Felt[] { Felt.Parse("0xae0ee0a63a2ce6baeeffe56e7714fb4efe48d419"), 0xb0b, 500, 0 },
        Nonce = 0x1b,
    };

    /// <summary>Every transaction shape the RPC writes (v3 and the history-only ones).</summary>
    public static IEnumerable<Transaction> AllKinds() =>
    [
        Invoke(),
        Invoke() with { IsQuery = true, Signature = ReadOnlyMemory<Felt>.Empty },
        Declare(),
        DeployAccount(),
        L1Handler(),
        new InvokeTransactionV0 { ContractAddress = Token.Value, EntryPointSelector = 5, Calldata = new Felt[] { 1 }, MaxFee = 100, Signature = new Felt[] { 3 } },
        new InvokeTransactionV1 { SenderAddress = Account.Value, Calldata = new Felt[] { 1, 2 }, MaxFee = 100, Nonce = 4, Signature = new Felt[] { 3 } },
        new DeclareTransactionLegacy { DeclareVersion = 0, SenderAddress = Account.Value, ClassHash = 77, MaxFee = 100 },
        new DeclareTransactionLegacy { DeclareVersion = 1, SenderAddress = Account.Value, ClassHash = 77, MaxFee = 100, Nonce = 1 },
        new DeclareTransactionLegacy { DeclareVersion = 2, SenderAddress = Account.Value, ClassHash = 77, MaxFee = 100, Nonce = 1, CompiledClassHash = 88 },
        new DeployAccountTransactionV1 { ClassHash = 77, ContractAddressSalt = 1, ConstructorCalldata = new Felt[] { 1 }, MaxFee = 100, Nonce = 0, Signature = new Felt[] { 3 } },
        new DeployTransaction { DeployVersion = 1, ClassHash = 77, ContractAddressSalt = 1, ConstructorCalldata = new Felt[] { 1 } },
    ];

    public static CallInfo Call(ContractAddress address, Felt selector, ContractAddress caller, EntryPointType type = EntryPointType.External)
    {
        var call = new CallInfo(new CallRequest(address, type, selector, [1, 2], caller), AccountClass);
        call.Events.Add(new OrderedEvent(0, [Felt.Parse("0x99cd8bde557814842a3121e8ddfd433a539b8c9f14bf31ebf108d12e6196e9")], [Account.Value, 0xb0b, 1000, 0]));
        call.Messages.Add(new OrderedMessage(0, Felt.Parse("0xae0ee0a63a2ce6baeeffe56e7714fb4efe48d419"), [1, 2]));
        var inner = new CallInfo(new CallRequest(Token, EntryPointType.External, 7, [], address, CallType.Delegate, AccountClass), AccountClass);
        call.InnerCalls.Add(inner);
        return call;
    }

    /// <summary>A receipt for <paramref name="tx"/> with events, messages, call trees and a state diff.</summary>
    public static TransactionReceipt Receipt(Transaction tx, TxHash hash, bool reverted = false)
    {
        var diff = new StateDiff()
            .SetStorage(Token, new StorageKey(5), 100)
            .SetStorage(Token, new StorageKey(3), 0)
            .SetNonce(Account, new Nonce(2));
        ContractAddress? deployed = null;
        if (tx is DeployAccountTransactionV3)
        {
            deployed = new ContractAddress(Felt.Parse("0xdead"));
            diff.DeployContract(deployed.Value, AccountClass);
        }
        if (tx is DeclareTransactionV3 d) diff.DeclareClass(new ClassHash(d.ClassHash), new CompiledClassHash(d.CompiledClassHash));
        var l1 = tx is L1HandlerTransaction;
        return new TransactionReceipt
        {
            TransactionHash = hash,
            Type = tx.Type,
            Status = reverted ? ExecutionStatus.Reverted : ExecutionStatus.Succeeded,
            RevertReason = reverted ? "Error in the called contract: 'u256_sub Overflow'" : null,
            Events = reverted ? [] : [new ReceiptEvent(Token, [Felt.Parse("0x99cd8bde557814842a3121e8ddfd433a539b8c9f14bf31ebf108d12e6196e9")], [Account.Value, 0xb0b, 1000, 0])],
            Messages = reverted ? [] : [new ReceiptMessage(Account, Felt.Parse("0xae0ee0a63a2ce6baeeffe56e7714fb4efe48d419"), [1, 2, 3])],
            ValidateCall = l1 ? null : Call(Account, Felt.Parse("0x162da33a4585851fe8d3af3c2a9c60b557814e221e0d4f30ff0b2189d9c7775"), new ContractAddress(Felt.Zero)),
            ExecuteCall = reverted ? null : Call(l1 ? Token : Account, 9, new ContractAddress(Felt.Zero), l1 ? EntryPointType.L1Handler : tx is DeployAccountTransactionV3 ? EntryPointType.Constructor : EntryPointType.External),
            FeeTransferCall = l1 ? null : Call(Token, 10, Account),
            GasConsumed = 12345,
            ActualFee = l1 ? 0 : (UInt128)0x2386f26fc10000,
            FeeUnit = l1 ? FeeUnit.Wei : FeeUnit.Fri,
            Gas = new GasVector(0, 128, 987654),
            Resources = new TransactionResources(),
            StateDiff = diff,
            ContractAddress = deployed,
        };
    }
}

using System.Numerics;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Genesis;

/// <summary>A funded account of the genesis state, with its keys.</summary>
public sealed record PredeployedAccount(ContractAddress Address, Felt PrivateKey, Felt PublicKey, BigInteger Balance);

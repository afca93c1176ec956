namespace SecureLink.Voice.Call;

/// <summary>
/// Loss of the peer's stream over the last <see cref="Frames"/> played frames (5 s), before and
/// after FEC. Only frames that were due count: buffering and underruns (DTX) are not losses.
/// Written by the playout thread, read by anyone (under the receiver's lock).
/// </summary>
internal sealed class ReceiveWindow
{
    internal const int Frames = 250;
    private readonly byte[] _flags = new byte[Frames]; // bit 0: lost, bit 1: still lost after FEC
    private int _next, _count, _lost, _residual;

    internal void Add(bool lost, bool recovered)
    {
        var flag = (byte)((lost ? 1 : 0) | (lost && !recovered ? 2 : 0));
        if (_count == Frames)
        {
            var old = _flags[_next];
            _lost -= old & 1;
            _residual -= (old >> 1) & 1;
        }
        else _count++;
        _flags[_next] = flag;
        _lost += flag & 1;
        _residual += (flag >> 1) & 1;
        _next = (_next + 1) % Frames;
    }

    internal double LossPercent => _count == 0 ? 0 : 100.0 * _lost / _count;

    internal double ResidualLossPercent => _count == 0 ? 0 : 100.0 * _residual / _count;
}

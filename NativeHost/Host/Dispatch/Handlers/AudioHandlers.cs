using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.Voice.Devices;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>Registers <c>audio.devices</c> and <c>audio.select</c> over the host's one set of call devices.</summary>
public static class AudioHandlers
{
    public static void Register(RequestDispatcher dispatcher, EnvironmentCallDevices devices)
    {
        dispatcher.Register("audio.devices", new AudioDevicesHandler(devices));
        dispatcher.Register("audio.select", new AudioSelectHandler(devices));
    }
}

/// <summary><c>audio.devices</c>: the microphones and speakers the options page may offer (may be empty lists), PulseAudio's or Windows'.</summary>
public sealed class AudioDevicesHandler(EnvironmentCallDevices devices) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var inputs = await devices.Input.ListAsync(cancellationToken).ConfigureAwait(false);
        var outputs = await devices.Output.ListAsync(cancellationToken).ConfigureAwait(false);
        var response = new AudioDevicesResponse(request.Id,
            [.. inputs.Select(d => new AudioDevice(d.Id, d.Name))],
            [.. outputs.Select(d => new AudioDevice(d.Id, d.Name))]);
        return Reply.Of(response, HostJson.Context.AudioDevicesResponse);
    }
}

/// <summary>
/// <c>audio.select</c> {input, output}: the devices of the next call ("default" for the system's choice).
/// A device that is not connected now is kept but answered with <c>device_not_found</c>, so the
/// options page can say that calls use the default until it is back.
/// </summary>
public sealed class AudioSelectHandler(EnvironmentCallDevices devices) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var input = RequestFields.RequireString(request.Body, "input");
        var output = RequestFields.RequireString(request.Body, "output");
        var (i, o) = await devices.SelectAsync(input, output, cancellationToken).ConfigureAwait(false);
        if (i == AudioChoiceOutcome.Invalid || o == AudioChoiceOutcome.Invalid)
            throw new RequestException(ErrorCodes.WrongType, "input and output must be device ids from audio.devices, or \"default\".");
        var missing = (i, o) switch
        {
            (AudioChoiceOutcome.Missing, AudioChoiceOutcome.Missing) => "microphone and speaker are",
            (AudioChoiceOutcome.Missing, _) => "microphone is",
            (_, AudioChoiceOutcome.Missing) => "speaker is",
            _ => null,
        };
        if (missing is not null)
            throw new RequestException(ErrorCodes.DeviceNotFound, $"The chosen {missing} not connected; calls use the default until it is back (the choice is kept).");
        return Reply.Of(new EmptyResponse(request.Id), HostJson.Context.EmptyResponse);
    }
}

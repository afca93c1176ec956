global using Xunit;
global using SecureLink.WebRtc.Sdp;

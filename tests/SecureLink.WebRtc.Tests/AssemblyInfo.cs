// Network tests share two CPUs with a real Chromium and python peers; running
// them one at a time keeps timing-sensitive handshakes (DTLS retransmits, ICE
// consent) honest.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

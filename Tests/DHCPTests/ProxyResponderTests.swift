@testable import DHCP
import NIOCore
import Testing

@Suite struct ProxyResponderTests {
    let server = IPv4Address(10, 0, 0, 1)
    var responder: ProxyResponder {
        ProxyResponder(server: server, files: .init(uefiHTTP: "http://10.0.0.1:8080/ipxe.efi",
                                                     ipxeScript: "http://10.0.0.1:8080/boot.ipxe"))
    }

    func request(_ bytes: [UInt8]) throws -> DHCPMessage { try DHCPMessage(parsing: ByteBuffer(bytes: bytes)) }

    @Test(arguments: [
        (UInt16(0), "PXEClient:Arch:00000:UNDI:002001", nil, "undionly.kpxe", "PXEClient"),
        (UInt16(7), "PXEClient:Arch:00007:UNDI:003016", nil, "ipxe.efi", "PXEClient"),
        (UInt16(9), "PXEClient:Arch:00009:UNDI:003016", nil, "ipxe.efi", "PXEClient"),
        (UInt16(16), "HTTPClient:Arch:00016:UNDI:003001", nil, "http://10.0.0.1:8080/ipxe.efi", "HTTPClient"),
        (UInt16(0), "PXEClient:Arch:00000:UNDI:002001", "iPXE", "http://10.0.0.1:8080/boot.ipxe", "PXEClient"),
    ] as [(UInt16, String, String?, String, String)])
    func eachClientGetsItsBootFileAndNoAddress(architecture: UInt16, vendorClass: String, userClass: String?,
                                               file: String, answeredClass: String) throws {
        let discover = try request(romDiscover(architecture: architecture, vendorClass: vendorClass,
                                               userClass: userClass.map { Array($0.utf8) }))
        let offer = try #require(responder.reply(to: discover, onPort: 67))
        #expect(offer.messageType == .offer)
        #expect(offer.operation == .reply && offer.transactionID == discover.transactionID)
        #expect(offer.yourAddress == .zero)
        #expect(offer.bootFile == file)
        #expect(offer.options.address(.serverIdentifier) == server)
        #expect(offer.options.text(.vendorClass) == answeredClass)
        #expect(offer.options[.clientMachineID] == discover.options[.clientMachineID])
        #expect(offer.serverAddress == (architecture == 16 ? .zero : server))
    }

    @Test func clientsThatAreNotNetworkBootingGetNothing() throws {
        var plain = romDiscover(vendorClass: "MSFT 5.0")
        #expect(responder.reply(to: try request(plain), onPort: 67) == nil)
        plain = romDiscover(vendorClass: "")
        #expect(responder.reply(to: try request(plain), onPort: 67) == nil)
    }

    @Test func requestsAreAcknowledgedOnPort4011AndWhenAddressedToUs() throws {
        let onPXEPort = try request(romDiscover(architecture: 7, vendorClass: "PXEClient:Arch:00007", type: .request))
        #expect(responder.reply(to: onPXEPort, onPort: 4011)?.messageType == .ack)
        // On 67 a REQUEST is for whichever server the client chose: only ours is answered.
        #expect(responder.reply(to: onPXEPort, onPort: 67) == nil)
        var toUs = onPXEPort
        toUs.options.setAddresses(.serverIdentifier, [server])
        #expect(responder.reply(to: toUs, onPort: 67)?.messageType == .ack)
        let release = try request(romDiscover(type: .release))
        #expect(responder.reply(to: release, onPort: 67) == nil)
    }
}

import AMQP
import MercatoTestSupport
import Foundation
import LocalCluster
import NIOCore
import Testing

/// pika 1.3.2 cannot encode floats and truncates decoded doubles, so floats are only checked one way, as whole numbers.
/// Messages cross between our client and pika 1.3.2 (the venv `scripts/setup` makes) intact: properties, headers, body.
@Suite("pika interop") struct PikaInteropTests {
    static var python: String {
        let venv = TestRabbitMQ.packageRoot + "/.build/tools-venv/bin/python"
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }

    static let script = #"""
    import sys, json, datetime, decimal, pika
    url, mode, queue = sys.argv[1], sys.argv[2], sys.argv[3]
    conn = pika.BlockingConnection(pika.URLParameters(url))
    ch = conn.channel()
    if mode == "read":
        method, props, body = ch.basic_get(queue, auto_ack=True)
        def plain(v):
            if isinstance(v, dict): return {k: plain(x) for k, x in v.items()}
            if isinstance(v, list): return [plain(x) for x in v]
            if isinstance(v, bytes): return "bytes:" + v.hex()
            if isinstance(v, decimal.Decimal): return "decimal:" + str(v)
            if isinstance(v, datetime.datetime): return "ts:" + str(int(v.replace(tzinfo=datetime.timezone.utc).timestamp()))
            return v
        print(json.dumps({"body": body.hex(), "content_type": props.content_type, "content_encoding": props.content_encoding,
            "delivery_mode": props.delivery_mode, "priority": props.priority, "correlation_id": props.correlation_id,
            "reply_to": props.reply_to, "expiration": props.expiration, "message_id": props.message_id,
            "timestamp": props.timestamp, "type": props.type, "user_id": props.user_id, "app_id": props.app_id,
            "headers": plain(props.headers)}, sort_keys=True))
    else:
        ch.confirm_delivery()
        headers = {"s": "text", "i": 42, "neg": -7, "big": 2**40, "b": True, "none": None,
                   "nested": {"list": [1, "two", {"deep": False}]}, "dec": decimal.Decimal("12.34"),
                   "ts": datetime.datetime(2024, 1, 2, 3, 4, 5), "raw": b"\x00\xff"}
        props = pika.BasicProperties(content_type="application/octet-stream", content_encoding="identity", headers=headers,
            delivery_mode=2, priority=3, correlation_id="corr-p", reply_to="rq", expiration="60000", message_id="mid-p",
            timestamp=1700000000, type="pika.test", user_id="guest", app_id="pika-app")
        ch.basic_publish("", queue, bytes(range(256)) * 3, props)
        print("ok")
    conn.close()
    """#

    func runPika(_ arguments: [String]) async throws -> String {
        let path = NSTemporaryDirectory() + "amqp-pika-\(UUID().uuidString).py"
        try Self.script.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await CommandRunner().runOffPool(Self.python, [path] + arguments).text
    }

    @Test func pikaReadsWhatWePublish() async throws {
        let configuration = try await TestRabbitMQ.configuration()
        let url = "amqp://\(configuration.user):\(configuration.password)@\(configuration.host):\(configuration.port)/%2F"
        let connection = try await AMQPConnection.connect(configuration: configuration)
        let channel = try await connection.openChannel()
        let queue = try await channel.queueDeclare(uniqueName("to-pika"), durable: false, autoDelete: false)
        try await channel.confirmSelect()
        let body: [UInt8] = Array(0...255) + Array("héllo".utf8)
        let properties = AMQPBasicProperties(
            contentType: "application/json", contentEncoding: "utf-8",
            headers: ["str": "v", "int": .int32(-5), "long": .int64(1 << 40), "dbl": .double(2.0), "yes": true, "void": .void,
                      "nested": .table(["arr": .array([.int32(1), .string("x"), .table(["k": .bool(false)])])]),
                      "dec": .decimal(scale: 2, value: 1234), "ts": .timestamp(1_700_000_000), "bin": .bytes([0, 255])],
            deliveryMode: 2, priority: 5, correlationID: "corr", replyTo: "replies", expiration: "60000", messageID: "mid",
            timestamp: 1_700_000_123, type: "order.placed", userID: "guest", appID: "mercato")
        try await channel.publish(ByteBuffer(bytes: body), routingKey: queue.name, properties: properties)
        let output = try await runPika([url, "read", queue.name])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(json["body"] as? String == body.map { String(format: "%02x", $0) }.joined())
        #expect(json["content_type"] as? String == "application/json")
        #expect(json["content_encoding"] as? String == "utf-8")
        #expect(json["delivery_mode"] as? Int == 2)
        #expect(json["priority"] as? Int == 5)
        #expect(json["correlation_id"] as? String == "corr")
        #expect(json["reply_to"] as? String == "replies")
        #expect(json["expiration"] as? String == "60000")
        #expect(json["message_id"] as? String == "mid")
        #expect(json["timestamp"] as? Int == 1_700_000_123)
        #expect(json["type"] as? String == "order.placed")
        #expect(json["user_id"] as? String == "guest")
        #expect(json["app_id"] as? String == "mercato")
        let headers = try #require(json["headers"] as? [String: Any])
        #expect(headers["str"] as? String == "v")
        #expect(headers["int"] as? Int == -5)
        #expect(headers["long"] as? Int == 1 << 40)
        // pika 1.3.2 decodes 'd' with long(), dropping the fraction: a whole number is what survives.
        #expect((headers["dbl"] as? NSNumber)?.doubleValue == 2.0)
        #expect(headers["yes"] as? Bool == true)
        #expect(headers["void"] is NSNull)
        #expect(headers["dec"] as? String == "decimal:12.34")
        #expect(headers["ts"] as? String == "ts:1700000000")
        #expect(headers["bin"] as? String == "bytes:00ff")
        let nested = try #require(headers["nested"] as? [String: Any])
        let array = try #require(nested["arr"] as? [Any])
        #expect(array.count == 3)
        #expect(array[0] as? Int == 1)
        #expect(array[1] as? String == "x")
        #expect((array[2] as? [String: Any])?["k"] as? Bool == false)
        try await channel.queueDelete(queue.name)
        try await connection.close()
    }

    @Test func weReadWhatPikaPublishes() async throws {
        let configuration = try await TestRabbitMQ.configuration()
        let url = "amqp://\(configuration.user):\(configuration.password)@\(configuration.host):\(configuration.port)/%2F"
        let connection = try await AMQPConnection.connect(configuration: configuration)
        let channel = try await connection.openChannel()
        let queue = try await channel.queueDeclare(uniqueName("from-pika"), durable: false, autoDelete: false)
        #expect(try await runPika([url, "publish", queue.name]).contains("ok"))
        let message = try #require(try await channel.get(queue: queue.name, noAck: true))
        #expect(Array(message.body.readableBytesView) == Array(repeating: Array(0...255) as [UInt8], count: 3).flatMap { $0 })
        let p = message.properties
        #expect(p.contentType == "application/octet-stream")
        #expect(p.contentEncoding == "identity")
        #expect(p.deliveryMode == 2)
        #expect(p.priority == 3)
        #expect(p.correlationID == "corr-p")
        #expect(p.replyTo == "rq")
        #expect(p.expiration == "60000")
        #expect(p.messageID == "mid-p")
        #expect(p.timestamp == 1_700_000_000)
        #expect(p.type == "pika.test")
        #expect(p.userID == "guest")
        #expect(p.appID == "pika-app")
        let headers = try #require(p.headers)
        #expect(headers["s"] == .string("text"))
        #expect(headers["i"].flatMap(Self.integer) == 42)
        #expect(headers["neg"].flatMap(Self.integer) == -7)
        #expect(headers["big"] == .int64(1 << 40))
        #expect(headers["b"] == .bool(true))
        #expect(headers["none"] == .void)
        #expect(headers["dec"] == .decimal(scale: 2, value: 1234))
        #expect(headers["ts"] == .timestamp(1_704_164_645))
        #expect(headers["raw"] == .bytes([0, 255]))
        guard case .table(let nested)? = headers["nested"], case .array(let list)? = nested["list"] else {
            Issue.record("nested: \(String(describing: headers["nested"]))"); return
        }
        #expect(list.count == 3)
        #expect(list[1] == .string("two"))
        #expect(list[2] == .table(["deep": .bool(false)]))
        try await channel.queueDelete(queue.name)
        try await connection.close()
    }

    static func integer(_ value: AMQPFieldValue) -> Int? {
        switch value {
        case .int8(let v): Int(v)
        case .int16(let v): Int(v)
        case .int32(let v): Int(v)
        case .int64(let v): Int(v)
        case .uint8(let v): Int(v)
        case .uint16(let v): Int(v)
        case .uint32(let v): Int(v)
        default: nil
        }
    }
}

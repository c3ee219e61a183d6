import Foundation
import SwiftletFederated

/// Conversions between Swiftlet's ordered records and the protobuf records that form Flower's record bodies.
enum RecordProto {
    static func proto(_ record: FleetConfigRecord) -> Flwr_Proto_ConfigRecord {
        var proto = Flwr_Proto_ConfigRecord()
        proto.items = record.items.map { key, value in
            var item = Flwr_Proto_ConfigRecord.Item()
            item.key = key
            var protoValue = Flwr_Proto_ConfigRecordValue()
            switch value {
            case .uint(let v): protoValue.value = .uint64(v)
            case .uints(let vs): var list = Flwr_Proto_UintList(); list.vals = vs; protoValue.value = .uintList(list)
            case .value(let v):
                switch v {
                case .int(let x): protoValue.value = .sint64(x)
                case .double(let x): protoValue.value = .double(x)
                case .bool(let x): protoValue.value = .bool(x)
                case .string(let x): protoValue.value = .string(x)
                case .bytes(let x): protoValue.value = .bytes(Data(x))
                case .ints(let x): var l = Flwr_Proto_SintList(); l.vals = x; protoValue.value = .sintList(l)
                case .doubles(let x): var l = Flwr_Proto_DoubleList(); l.vals = x; protoValue.value = .doubleList(l)
                case .bools(let x): var l = Flwr_Proto_BoolList(); l.vals = x; protoValue.value = .boolList(l)
                case .strings(let x): var l = Flwr_Proto_StringList(); l.vals = x; protoValue.value = .stringList(l)
                case .bytesList(let x): var l = Flwr_Proto_BytesList(); l.vals = x.map { Data($0) }; protoValue.value = .bytesList(l)
                }
            }
            item.value = protoValue
            return item
        }
        return proto
    }

    static func proto(_ record: FleetMetricRecord) -> Flwr_Proto_MetricRecord {
        var proto = Flwr_Proto_MetricRecord()
        proto.items = record.items.map { key, value in
            var item = Flwr_Proto_MetricRecord.Item()
            item.key = key
            var protoValue = Flwr_Proto_MetricRecordValue()
            switch value {
            case .uint(let v): protoValue.value = .uint64(v)
            case .uints(let vs): var list = Flwr_Proto_UintList(); list.vals = vs; protoValue.value = .uintList(list)
            case .value(.int(let x)): protoValue.value = .sint64(x)
            case .value(.double(let x)): protoValue.value = .double(x)
            case .value(.ints(let x)): var l = Flwr_Proto_SintList(); l.vals = x; protoValue.value = .sintList(l)
            case .value(.doubles(let x)): var l = Flwr_Proto_DoubleList(); l.vals = x; protoValue.value = .doubleList(l)
            }
            item.value = protoValue
            return item
        }
        return proto
    }

    static func record(_ proto: Flwr_Proto_ConfigRecord, object: String) throws(ObjectError) -> FleetConfigRecord {
        var items: [(key: String, value: FleetConfigValue)] = []
        var seen = Set<String>()
        for item in proto.items {
            guard seen.insert(item.key).inserted else { throw .malformedBody(object: object, reason: "key '\(item.key)' repeated") }
            let value: FleetConfigValue
            switch item.value.value {
            case nil: throw .malformedBody(object: object, reason: "config '\(item.key)' has no value")
            case .double(let x)?: value = .value(.double(x))
            case .sint64(let x)?: value = .value(.int(x))
            case .uint64(let x)?: value = .uint(x)
            case .bool(let x)?: value = .value(.bool(x))
            case .string(let x)?: value = .value(.string(x))
            case .bytes(let x)?: value = .value(.bytes([UInt8](x)))
            case .doubleList(let l)?: value = .value(.doubles(l.vals))
            case .sintList(let l)?: value = .value(.ints(l.vals))
            case .uintList(let l)?: value = .uints(l.vals)
            case .boolList(let l)?: value = .value(.bools(l.vals))
            case .stringList(let l)?: value = .value(.strings(l.vals))
            case .bytesList(let l)?: value = .value(.bytesList(l.vals.map { [UInt8]($0) }))
            }
            items.append((item.key, value))
        }
        return FleetConfigRecord(items)
    }

    static func record(_ proto: Flwr_Proto_MetricRecord, object: String) throws(ObjectError) -> FleetMetricRecord {
        var items: [(key: String, value: FleetMetricValue)] = []
        var seen = Set<String>()
        for item in proto.items {
            guard seen.insert(item.key).inserted else { throw .malformedBody(object: object, reason: "key '\(item.key)' repeated") }
            let value: FleetMetricValue
            switch item.value.value {
            case nil: throw .malformedBody(object: object, reason: "metric '\(item.key)' has no value")
            case .double(let x)?: value = .value(.double(x))
            case .sint64(let x)?: value = .value(.int(x))
            case .uint64(let x)?: value = .uint(x)
            case .doubleList(let l)?: value = .value(.doubles(l.vals))
            case .sintList(let l)?: value = .value(.ints(l.vals))
            case .uintList(let l)?: value = .uints(l.vals)
            }
            items.append((item.key, value))
        }
        return FleetMetricRecord(items)
    }
}

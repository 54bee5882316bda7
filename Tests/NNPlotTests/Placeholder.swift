import XCTest
// Placeholder so the target builds until its tests land; delete it then.

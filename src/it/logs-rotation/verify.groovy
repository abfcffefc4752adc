import io.gladys.testing.ItChecks

def state = new File(basedir, '.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text
    def numbers = (log =~ /(?m)^chatty line (\d{6}) x{52}$/).collect { it[1] as int }
    def rotated = new File(basedir, '.gladys/logs').list().findAll { it ==~ /chatty\.log\.\d+/ }
    println "logs-rotation: followed ${numbers.size()} lines, ${numbers ? numbers.first() : '-'} to " +
            "${numbers ? numbers.last() : '-'}, across ${rotated.size()} rotated files"
    assert rotated.size() >= 9: 'the log rotated about fourteen times'
    assert !numbers.isEmpty(): 'the follower printed lines'
    // every line once, in order, from where following began to the last one written
    def gaps = (1..<numbers.size()).findAll { numbers[it] != numbers[it - 1] + 1 }
            .collect { "${numbers[it - 1]} -> ${numbers[it]}" }
    assert gaps.isEmpty(): "gaps in the followed lines: ${gaps.take(5)}"
    assert numbers.last() == 149999
    // following began before the first rotation (a block holds 10,000 lines), so it crossed all of them
    assert numbers.first() < 15000
    assert !log.contains('were deleted before they could be read')
    assert log =~ /Stopped chatty \(pid \d+\)/
    assert ItChecks.survivors(state).isEmpty()
    return true
} finally {
    ItChecks.killLeftovers(state)
}

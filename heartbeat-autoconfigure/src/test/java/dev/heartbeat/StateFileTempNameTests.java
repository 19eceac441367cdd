package dev.heartbeat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StateFileTempNameTests {

	@TempDir
	Path directory;

	@Test
	void tempNameIsReusedWhileNothingIsInItsWay() throws IOException {
		StateFile file = new StateFile(this.directory.resolve("app.heartbeat"));
		Path temp = file.temp();
		file.write(bytes("one"));
		file.write(bytes("two"));
		assertThat(file.temp()).isEqualTo(temp);
		assertThat(Files.readString(file.path())).isEqualTo("two");
		assertThat(temp).doesNotExist();
	}

	@Test
	void fileAtTheTempNameIsLeftAloneAndANewNameIsDrawn() throws IOException {
		StateFile file = new StateFile(this.directory.resolve("app.heartbeat"));
		file.write(bytes("one"));
		Path planted = file.temp();
		Files.writeString(planted, "planted");
		file.write(bytes("two"));
		assertThat(Files.readString(file.path())).isEqualTo("two");
		assertThat(Files.readString(planted)).isEqualTo("planted");
		assertThat(file.temp()).isNotEqualTo(planted);
		assertThat(file.temp().getFileName().toString()).matches("\\.app\\.heartbeat\\.[0-9a-f]{16}\\.tmp");
	}

	@Test
	void symlinkAtTheTempNameIsNotFollowed() throws IOException {
		StateFile file = new StateFile(this.directory.resolve("app.heartbeat"));
		Path target = this.directory.resolve("elsewhere");
		Files.writeString(target, "untouched");
		Files.createSymbolicLink(file.temp(), target);
		file.write(bytes("beat"));
		assertThat(Files.readString(file.path())).isEqualTo("beat");
		assertThat(Files.readString(target)).isEqualTo("untouched");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
